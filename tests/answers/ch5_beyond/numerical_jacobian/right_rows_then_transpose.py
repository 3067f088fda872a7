"""Builds the transposed Jacobian row by row (one row per input) and transposes it at the end."""
import numpy as np


def numerical_jacobian(f, x, h=1e-5):
    x = np.asarray(x, dtype=float).copy()
    rows = []
    for j in range(len(x)):
        e = np.zeros(len(x))
        e[j] = 1.0
        rows.append((np.asarray(f(x + h * e), dtype=float) - np.asarray(f(x - h * e), dtype=float)) / (2 * h))
    return np.array(rows, dtype=float).reshape(len(x), -1).T
