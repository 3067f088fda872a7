"""Wrong: no check of the dimension; np.column_stack silently treats a 1-D vector as one column."""
import numpy as np


def add_intercept(X):
    X = np.asarray(X, dtype=float)
    return np.column_stack([np.ones(X.shape[0]), X])
