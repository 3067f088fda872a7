"""A pure-Python loop over indices with explicit checks; float accumulator.

Right: same value as np.sum(x * y) up to rounding, rejects non-1-D input via np.ndim and unequal lengths,
and returns a Python float.
"""
import numpy as np


def dot(x, y):
    if np.ndim(x) != 1 or np.ndim(y) != 1:
        raise ValueError(f"dot expects 1-D vectors, got {np.ndim(x)}-D and {np.ndim(y)}-D input")
    if len(x) != len(y):
        raise ValueError(f"lengths differ: {len(x)} and {len(y)}")
    total = 0.0
    for i in range(len(x)):
        total += float(x[i]) * float(y[i])
    return total
