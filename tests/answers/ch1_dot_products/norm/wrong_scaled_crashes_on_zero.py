"""An overflow-safe version that divides by the largest entry first: m * sqrt(dot(x/m, x/m)).

Wrong: for the zero vector m = 0 and the division gives nan, and for the empty vector max() of an empty
array raises; both should have length 0.0.
"""
import numpy as np


def norm(x):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError("norm expects a 1-D vector")
    m = np.max(np.abs(x))
    return float(m * np.sqrt(dot(x / m, x / m)))
