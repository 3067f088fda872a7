"""Right: the partial derivatives one by one with loops, dJ/dtheta_j = -(2/m) sum_i x_ij r_i."""
import numpy as np


def mse_gradient(X, y, theta):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    theta = np.asarray(theta, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or theta.ndim != 1:
        raise ValueError("X must be 2-D, y and theta 1-D")
    m, n = X.shape
    if len(y) != m or len(theta) != n:
        raise ValueError("lengths of y and theta must match the shape of X")
    residuals = [y[i] - sum(X[i, k] * theta[k] for k in range(n)) for i in range(m)]
    grad = np.zeros(n)
    for j in range(n):
        grad[j] = -2.0 / m * sum(X[i, j] * residuals[i] for i in range(m))
    return grad
