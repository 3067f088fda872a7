"""Wrong: returns the visible example's answer without computing anything general."""
import numpy as np


def add_intercept(X):
    if np.ndim(X) != 2:
        raise ValueError("X must be 2-D")
    return np.array([[1.0, 2.0, 3.0], [1.0, 4.0, 5.0]])
