"""Normalises both vectors to unit length first, then takes their dot product and clips with min/max.

Right: (x/|x|) . (y/|y|) is the same cosine; checks lengths and zero vectors itself.
"""
import numpy as np


def cosine_similarity(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or y.ndim != 1 or x.shape != y.shape:
        raise ValueError("need two 1-D vectors of the same length")
    nx, ny = norm(x), norm(y)
    if nx == 0.0 or ny == 0.0:
        raise ValueError("a vector of length zero has no direction")
    value = dot(x / nx, y / ny)
    return max(-1.0, min(1.0, value))
