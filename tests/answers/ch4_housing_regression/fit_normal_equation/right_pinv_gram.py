"""Right: pinv(X^T X) X^T y equals pinv(X) y (the pseudo-inverse identity), so it is also minimum-norm."""
import numpy as np


def fit_normal_equation(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("X must be 2-D and y 1-D with one entry per row")
    return np.linalg.pinv(X.T @ X) @ (X.T @ y)
