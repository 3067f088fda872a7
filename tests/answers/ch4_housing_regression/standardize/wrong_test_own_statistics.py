"""Wrong: scales the test set with ITS OWN mean and standard deviation (leaks test-set statistics)."""
import numpy as np


def _scale(A):
    std = A.std(axis=0)
    return (A - A.mean(axis=0)) / np.where(std > 0, std, 1.0)


def standardize(X_train, X_test):
    X_train = np.array(X_train, dtype=float)
    X_test = np.array(X_test, dtype=float)
    if X_train.ndim != 2 or X_test.ndim != 2 or X_train.shape[0] == 0 or X_train.shape[1] != X_test.shape[1]:
        raise ValueError("X_train and X_test must be 2-D with the same columns, X_train not empty")
    return _scale(X_train), _scale(X_test)
