"""Wrong: computes every rho_j of a sweep from the residual at the start of the sweep (all coordinates at once),
not from the residual after the previous step."""
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
    z = np.sum(X ** 2, axis=0) / m
    for _ in range(n_iters):
        residual = y - X @ theta
        old = theta.copy()
        for j in range(n):
            rho = X[:, j] @ residual / m + z[j] * old[j]
            theta[j] = rho / z[j] if j == 0 else soft_threshold(rho, alpha) / z[j]
    return theta
