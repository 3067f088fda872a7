"""Wrong: no special case for constant columns: divides by a zero standard deviation (nan and inf)."""
import numpy as np


def standardize(X_train, X_test):
    X_train = np.array(X_train, dtype=float)
    X_test = np.array(X_test, dtype=float)
    if X_train.ndim != 2 or X_test.ndim != 2 or X_train.shape[0] == 0 or X_train.shape[1] != X_test.shape[1]:
        raise ValueError("X_train and X_test must be 2-D with the same columns, X_train not empty")
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (X_train - mean) / std, (X_test - mean) / std
