"""Validates the input, then uses the `@` operator for the product.

Wrong: `@` is a library product in disguise (it calls np.matmul); the exercise bans it.
"""
import numpy as np


def dot(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or y.ndim != 1:
        raise ValueError("dot expects 1-D vectors")
    if x.shape != y.shape:
        raise ValueError("vectors must have the same length")
    return float(x @ y)
