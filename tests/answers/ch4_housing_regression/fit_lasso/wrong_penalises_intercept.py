"""Wrong: soft-thresholds the intercept too, so theta_0 is shrunk towards 0 like the slopes."""
import numpy as np


def fit_lasso(X, y, alpha, n_iters=1000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[1] < 1 or y.shape != (X.shape[0],):
        raise ValueError("X must be m x n (n >= 1) and y of length m")
    if alpha < 0:
        raise ValueError("alpha must be non-negative")
    m, n = X.shape
    theta = np.zeros(n)
    for _ in range(n_iters):
        for j in range(n):
            rho = X[:, j] @ (y - X @ theta + X[:, j] * theta[j]) / m
            theta[j] = soft_threshold(rho, alpha) / (X[:, j] @ X[:, j] / m)
    return theta
