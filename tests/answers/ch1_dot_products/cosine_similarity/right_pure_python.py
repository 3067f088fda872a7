"""Pure Python: three sums in one loop, math.sqrt, and np.clip returning a NumPy float64.

Right: the same formula; a NumPy float64 result counts as a float.
"""
import math

import numpy as np


def cosine_similarity(x, y):
    if np.ndim(x) != 1 or np.ndim(y) != 1:
        raise ValueError("inputs must be 1-D vectors")
    if len(x) != len(y):
        raise ValueError("vectors must have the same length")
    xy = xx = yy = 0.0
    for a, b in zip(x, y):
        a, b = float(a), float(b)
        xy += a * b
        xx += a * a
        yy += b * b
    if xx == 0.0 or yy == 0.0:
        raise ValueError("cosine similarity is undefined for a zero vector")
    return np.clip(np.float64(xy / (math.sqrt(xx) * math.sqrt(yy))), -1.0, 1.0)
