"""Wrong: appends the column of ones as the LAST column instead of the first."""
import numpy as np


def add_intercept(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    return np.hstack([X, np.ones((X.shape[0], 1))])
