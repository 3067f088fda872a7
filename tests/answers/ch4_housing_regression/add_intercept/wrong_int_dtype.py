"""Wrong: keeps the input's dtype, so an integer X gives an integer design matrix (floats are required)."""
import numpy as np


def add_intercept(X):
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    return np.column_stack([np.ones(X.shape[0], dtype=X.dtype), X])
