"""Validates the input correctly, then calls np.dot for the product.

Wrong: the exercise asks for the dot product from scratch; library products are banned (and a test reads
the source to enforce it). The numbers are right, so only that test fails.
"""
import numpy as np


def dot(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or y.ndim != 1:
        raise ValueError("dot expects 1-D vectors")
    if len(x) != len(y):
        raise ValueError("vectors must have the same length")
    return float(np.dot(x, y))
