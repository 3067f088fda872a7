"""Right: an explicit double loop over samples and features (slow but correct), returning a Python float."""
import numpy as np


def mse_cost(X, y, theta):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    theta = np.asarray(theta, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    m, n = X.shape
    if y.ndim != 1 or len(y) != m:
        raise ValueError("y must be 1-D with one entry per row of X")
    if theta.ndim != 1 or len(theta) != n:
        raise ValueError("theta must be 1-D with one entry per column of X")
    total = 0.0
    for i in range(m):
        prediction = 0.0
        for j in range(n):
            prediction += X[i, j] * theta[j]
        total += (y[i] - prediction) ** 2
    return total / m
