"""Right: np.insert of a column of ones at position 0 on a float copy (np.insert returns a new array)."""
import numpy as np


def add_intercept(X):
    X = np.array(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, not {X.ndim}-D")
    return np.insert(X, 0, 1.0, axis=1)
