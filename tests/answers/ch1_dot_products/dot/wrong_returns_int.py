"""A careful loop with all the checks, but the accumulator starts at the integer 0 and is never converted.

Wrong: for integer input the result is a Python int (or NumPy int64), not a float as the contract says.
"""
import numpy as np


def dot(x, y):
    if np.ndim(x) != 1 or np.ndim(y) != 1:
        raise ValueError("dot expects 1-D vectors")
    if len(x) != len(y):
        raise ValueError("vectors must have the same length")
    total = 0
    for i in range(len(x)):
        total += x[i] * y[i]
    return total
