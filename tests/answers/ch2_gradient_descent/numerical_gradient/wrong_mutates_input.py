"""Shifts the caller's array in place (x[i] += h, then -= 2h, then += h) instead of a copy: the values are
right, but rounding leaves x slightly changed after the call, and an integer x cannot even be shifted."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("h must be positive")
    x = np.asarray(x)  # no copy when x is already an array
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    grad = np.zeros(x.shape)
    for i in range(x.size):
        x[i] += h
        fp = f(x)
        x[i] -= 2 * h
        fm = f(x)
        x[i] += h
        grad[i] = (fp - fm) / (2 * h)
    return grad
