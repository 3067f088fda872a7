"""A loop of squares and math.sqrt, with its own 1-D check.

Right: sqrt(sum of squares) is the Euclidean length; returns a Python float, 0.0 for empty input.
"""
import math

import numpy as np


def norm(x):
    if np.ndim(x) != 1:
        raise ValueError("norm expects a 1-D vector")
    total = 0.0
    for value in x:
        total += float(value) ** 2
    return math.sqrt(total)
