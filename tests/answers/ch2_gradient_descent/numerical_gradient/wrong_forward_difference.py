"""Forward differences along each axis, (f(x + h e_i) - f(x)) / h: not the central differences of the contract
(error O(h) instead of O(h**2))."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("h must be positive")
    x = np.array(x, dtype=float)
    if x.ndim != 1:
        raise ValueError("x must be 1-D")
    fx = f(x)
    grad = np.zeros_like(x)
    for i in range(x.size):
        xp = x.copy()
        xp[i] += h
        grad[i] = (f(xp) - fx) / h
    return grad
