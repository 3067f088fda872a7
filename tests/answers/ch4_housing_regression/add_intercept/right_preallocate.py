"""Right: allocates an (m, n+1) array of ones and copies X into columns 1.. with a loop over columns."""
import numpy as np


def add_intercept(X):
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError("add_intercept needs a 2-D X")
    m, n = X.shape
    out = np.ones((m, n + 1))
    for j in range(n):
        out[:, j + 1] = X[:, j]
    return out
