"""Takes the square root of the plain sum of the entries, forgetting to square them.

Wrong: negative entries cancel positive ones (or give nan), e.g. [-6, 8] gives sqrt(2).
"""
import numpy as np


def norm(x):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError("norm expects a 1-D vector")
    return float(np.sqrt(abs(np.sum(x))))
