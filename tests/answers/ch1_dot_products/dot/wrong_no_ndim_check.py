"""Checks that the sizes match, then sums x * y over all entries.

Wrong: 2-D arrays or nested lists of equal size are accepted (their entries are summed as if flattened),
and scalars too, instead of raising ValueError for input that is not 1-D.
"""
import numpy as np


def dot(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.size != y.size:
        raise ValueError("vectors must have the same length")
    return float(np.sum(x * y))
