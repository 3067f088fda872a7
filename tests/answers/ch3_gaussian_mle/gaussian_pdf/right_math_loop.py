"""Right: math.exp for a scalar and an element-by-element loop that fills an output array of x's shape."""
import math

import numpy as np


def gaussian_pdf(x, mu=0.0, sigma=1.0):
    if not sigma > 0:
        raise ValueError("sigma must be positive")
    norm = 1.0 / (sigma * math.sqrt(2.0 * math.pi))

    def one(t):
        return norm * math.exp(-((t - mu) ** 2) / (2.0 * sigma * sigma))

    if np.ndim(x) == 0:
        return one(float(x))
    arr = np.asarray(x, dtype=float)
    out = np.empty(arr.shape, dtype=float)
    for idx in np.ndindex(arr.shape):
        out[idx] = one(float(arr[idx]))
    return out
