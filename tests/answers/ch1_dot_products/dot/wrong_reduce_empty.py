"""Adds the products with functools.reduce, without an initial value.

Wrong: reduce of an empty sequence with no initial value raises TypeError, so two empty vectors crash
instead of giving 0.0.
"""
from functools import reduce

import numpy as np


def dot(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or y.ndim != 1:
        raise ValueError("dot expects 1-D vectors")
    if x.shape[0] != y.shape[0]:
        raise ValueError("vectors must have the same length")
    return float(reduce(lambda a, b: a + b, [a * b for a, b in zip(x, y)]))
