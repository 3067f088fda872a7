"""Wrong: thresholds at alpha / 2, the rule for the MSE with 1/m (not the lasso's 1/(2m)) plus alpha |theta|."""
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
            z = X[:, j] @ X[:, j] / m
            theta[j] = rho / z if j == 0 else soft_threshold(rho, alpha / 2) / z
    return theta
