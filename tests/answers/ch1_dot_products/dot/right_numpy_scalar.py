"""Vectorised: np.multiply then np.sum, returning the NumPy float64 without converting it.

Right: a NumPy float64 counts as a float in this course; the checks are the same as the reference's.
"""
import numpy as np


def dot(x, y):
    x = np.array(x, dtype=np.float64)
    y = np.array(y, dtype=np.float64)
    if x.ndim != 1 or y.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"need two 1-D vectors of equal length, got shapes {x.shape} and {y.shape}")
    return np.multiply(x, y).sum()
