"""exp(-z) / (1 + exp(-z))**2 as written: for z below about -709, exp(-z) overflows to inf and inf / inf is nan."""
import numpy as np


def sigmoid_derivative(z):
    e = np.exp(-np.asarray(z, dtype=float))
    d = e / (1.0 + e) ** 2
    return float(d) if d.ndim == 0 else d
