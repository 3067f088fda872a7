"""Returns the largest absolute entry (the infinity norm).

Wrong: the Euclidean length takes every entry into account; it agrees only for one-hot-like vectors.
"""
import numpy as np


def norm(x):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError("norm expects a 1-D vector")
    if x.size == 0:
        return 0.0
    return float(np.max(np.abs(x)))
