"""The textbook formula 1 / (1 + exp(-z)) as written: exp(-z) overflows for z below about -709 (overflow
warning, inf), so it is not numerically stable on [-1000, 1000]."""
import numpy as np


def sigmoid(z):
    s = 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
    return float(s) if s.ndim == 0 else s
