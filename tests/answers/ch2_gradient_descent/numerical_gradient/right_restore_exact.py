"""Works on one float copy of x, shifting one entry at a time and restoring it from the saved value (so no
rounding drift); the caller's x is never touched."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("h must be > 0")
    work = np.array(x, dtype=float, copy=True)
    if work.ndim != 1:
        raise ValueError("x must be a 1-D vector")
    grad = np.empty(work.shape, dtype=float)
    for i in range(work.shape[0]):
        old = work[i]
        work[i] = old + h
        f_plus = f(work.copy())
        work[i] = old - h
        f_minus = f(work.copy())
        work[i] = old
        grad[i] = (f_plus - f_minus) / (2.0 * h)
    return grad
