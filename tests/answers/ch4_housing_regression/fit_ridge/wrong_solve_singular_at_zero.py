"""Wrong: solves (X^T X + alpha D) theta = X^T y for every alpha, also alpha = 0, where a rank-deficient X
makes the matrix singular: no minimum-norm solution (an error or meaningless numbers)."""
import numpy as np


def fit_ridge(X, y, alpha):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    if X.ndim != 2 or X.shape[1] == 0 or y.shape != (X.shape[0],):
        raise ValueError("X must be 2-D with the intercept column and y 1-D with one entry per row")
    D = np.eye(X.shape[1])
    D[0, 0] = 0.0
    return np.linalg.solve(X.T @ X + alpha * D, X.T @ y)
