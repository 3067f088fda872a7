"""math.hypot of all entries (Python 3.8+ accepts any number of arguments; hypot() is 0.0).

Right: hypot computes the Euclidean length, and avoids overflow as a bonus.
"""
import math

import numpy as np


def norm(x):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"norm expects a 1-D vector, got shape {x.shape}")
    return math.hypot(*x)
