"""Multiplies x by y in place to save memory, then sums.

Wrong: np.asarray does not copy a float array, so `x *= y` overwrites the caller's array.
"""
import numpy as np


def dot(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or y.ndim != 1:
        raise ValueError("dot expects 1-D vectors")
    if x.shape[0] != y.shape[0]:
        raise ValueError("vectors must have the same length")
    x *= y
    return float(np.sum(x))
