"""Computes everything with NumPy directly (not with dot), with a zero check but no length check.

Wrong: NumPy broadcasts a length-1 vector against a longer one, so [2] and [1, 2, 3] give a number
instead of a ValueError.
"""
import numpy as np


def cosine_similarity(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    nx, ny = np.sqrt(np.sum(x * x)), np.sqrt(np.sum(y * y))
    if nx == 0 or ny == 0:
        raise ValueError("zero vector")
    return float(np.clip(np.sum(x * y) / (nx * ny), -1.0, 1.0))
