"""Returns np.sqrt(x * x), i.e. the absolute value of each entry, forgetting to sum.

Wrong: the result is an array of entry lengths, not a single float.
"""
import numpy as np


def norm(x):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError("norm expects a 1-D vector")
    return np.sqrt(x * x)
