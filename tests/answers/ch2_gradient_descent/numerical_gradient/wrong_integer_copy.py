"""Copies x with np.array(x), which keeps an integer dtype: adding h to an entry of an integer array truncates
it back, so the gradient at an integer point comes out as 0 (and the result has an integer dtype)."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("h must be positive")
    x = np.array(x)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    grad = np.zeros(x.shape)
    for i in range(x.size):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad
