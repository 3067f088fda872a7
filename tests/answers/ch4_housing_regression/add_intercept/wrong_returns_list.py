"""Wrong: builds the rows as Python lists and returns a list of lists, not a NumPy array."""
import numpy as np


def add_intercept(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    return [[1.0] + list(row) for row in X]
