"""np.sum(x * y) with a 1-D check but no length check, trusting NumPy to complain about mismatched lengths.

Wrong: NumPy broadcasts a length-1 vector against any length (and an empty one against length 1), so
dot([5], [1, 2, 3]) returns 30.0 instead of raising ValueError.
"""
import numpy as np


def dot(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 1 or y.ndim != 1:
        raise ValueError("dot expects 1-D vectors")
    return float(np.sum(x * y))
