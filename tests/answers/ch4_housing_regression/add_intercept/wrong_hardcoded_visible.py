"""Wrong: returns the visible examples' answers without computing anything general."""
import numpy as np


def add_intercept(X):
    if np.ndim(X) != 2:
        raise ValueError("X must be 2-D")
    if np.shape(X) == (3, 1):
        return np.array([[1.0, 7.0], [1.0, 8.0], [1.0, 9.0]])
    return np.array([[1.0, 2.0, 3.0], [1.0, 4.0, 5.0]])
