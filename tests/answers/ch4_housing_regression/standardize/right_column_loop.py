"""Right: a loop over the columns with the population formula written out; constant columns detected by
comparing the values."""
import numpy as np


def standardize(X_train, X_test):
    train = np.array(X_train, dtype=float)
    test = np.array(X_test, dtype=float)
    if train.ndim != 2 or test.ndim != 2:
        raise ValueError("both inputs must be 2-D")
    if len(train) == 0:
        raise ValueError("X_train must have at least one row")
    if train.shape[1] != test.shape[1]:
        raise ValueError("X_train and X_test must have the same number of columns")
    out_train = np.empty_like(train)
    out_test = np.empty_like(test)
    m = train.shape[0]
    for j in range(train.shape[1]):
        column = train[:, j]
        mu = column.sum() / m
        sigma = np.sqrt(((column - mu) ** 2).sum() / m)
        if np.all(column == column[0]):
            sigma = 1.0
        out_train[:, j] = (column - mu) / sigma
        out_test[:, j] = (test[:, j] - mu) / sigma
    return out_train, out_test
