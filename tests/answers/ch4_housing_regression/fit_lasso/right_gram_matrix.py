"""Right: covariance updates from the Gram matrix X.T X / m and X.T y / m, computed once."""
import numpy as np


def fit_lasso(X, y, alpha, n_iters=1000):
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    if X.ndim != 2 or X.shape[1] == 0:
        raise ValueError("X must be a 2-D array with at least one column")
    if y.ndim != 1 or len(y) != len(X):
        raise ValueError("y must have one entry per row of X")
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    m = len(y)
    gram = X.T @ X / m
    xty = X.T @ y / m
    theta = np.zeros(X.shape[1])
    for _ in range(n_iters):
        for j in range(len(theta)):
            rho = xty[j] - gram[j] @ theta + gram[j, j] * theta[j]
            theta[j] = rho / gram[j, j] if j == 0 else soft_threshold(rho, alpha) / gram[j, j]
    return theta
