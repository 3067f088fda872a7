"""Wrong: np.asarray does not copy a float array, and the in-place -= and /= then change the caller's data."""
import numpy as np


def standardize(X_train, X_test):
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    if X_train.ndim != 2 or X_test.ndim != 2 or X_train.shape[0] == 0 or X_train.shape[1] != X_test.shape[1]:
        raise ValueError("X_train and X_test must be 2-D with the same columns, X_train not empty")
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std[std == 0] = 1.0
    X_train -= mean
    X_train /= std
    X_test -= mean
    X_test /= std
    return X_train, X_test
