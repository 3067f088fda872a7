"""Wrong: penalises the intercept too, (X^T X + alpha I) theta = X^T y."""
import numpy as np


def fit_ridge(X, y, alpha):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    if X.ndim != 2 or X.shape[1] == 0 or y.shape != (X.shape[0],):
        raise ValueError("X must be 2-D with the intercept column and y 1-D with one entry per row")
    m, n = X.shape
    return np.linalg.solve(X.T @ X + alpha * np.eye(n), X.T @ y)
