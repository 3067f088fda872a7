"""Computes the clipped formula with NumPy floats and never checks for a zero vector.

Wrong: for a zero vector NumPy divides 0 by 0, giving nan (with a warning) instead of raising ValueError.
"""
import numpy as np


def cosine_similarity(x, y):
    value = np.float64(dot(x, y)) / (np.float64(norm(x)) * np.float64(norm(y)))
    return float(np.clip(value, -1.0, 1.0))
