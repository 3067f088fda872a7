"""Uses math.fsum over a generator of products (exactly rounded summation).

Right: fsum is more accurate than naive summation, which the tolerance allows; checks via np.shape.
"""
import math

import numpy as np


def dot(x, y):
    sx, sy = np.shape(x), np.shape(y)
    if len(sx) != 1 or len(sy) != 1:
        raise ValueError("dot is defined for 1-D vectors only")
    if sx != sy:
        raise ValueError("the two vectors must have the same length")
    return math.fsum(float(a) * float(b) for a, b in zip(x, y))
