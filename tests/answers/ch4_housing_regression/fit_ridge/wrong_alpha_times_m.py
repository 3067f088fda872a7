"""Wrong: penalty added to the MEAN squared error, which scales alpha by m relative to the contract."""
import numpy as np


def fit_ridge(X, y, alpha):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    if X.ndim != 2 or X.shape[1] == 0 or y.shape != (X.shape[0],):
        raise ValueError("X must be 2-D with the intercept column and y 1-D with one entry per row")
    m, n = X.shape
    D = np.eye(n)
    D[0, 0] = 0.0
    return np.linalg.solve(X.T @ X / m + alpha * D, X.T @ y / m)
