"""Wrong: no check of alpha, so a negative alpha runs (and rewards large coefficients)."""
import numpy as np


def fit_lasso(X, y, alpha, n_iters=1000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[1] < 1 or y.shape != (X.shape[0],):
        raise ValueError("X must be m x n (n >= 1) and y of length m")
    m, n = X.shape
    theta = np.zeros(n)
    for _ in range(n_iters):
        for j in range(n):
            rho = X[:, j] @ (y - X @ theta + X[:, j] * theta[j]) / m
            z = X[:, j] @ X[:, j] / m
            theta[j] = rho / z if j == 0 else np.sign(rho) * max(abs(rho) - alpha, 0.0) / z
    return theta
