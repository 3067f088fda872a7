"""Ignores the given h and always uses 1e-5."""
import numpy as np


def numerical_jacobian(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    step = 1e-5
    cols = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = step
        cols.append((np.asarray(f(x + e), dtype=float) - np.asarray(f(x - e), dtype=float)) / (2 * step))
    return np.column_stack(cols)
