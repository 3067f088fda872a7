"""Adds up the absolute values of the entries (the L1 / Manhattan norm).

Wrong: the Euclidean norm squares, sums and takes the square root; L1 gives 7.0 for [3, 4].
"""
import numpy as np


def norm(x):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError("norm expects a 1-D vector")
    return float(np.sum(np.abs(x)))
