"""Wrong: accepts a negative alpha silently (no ValueError)."""
import numpy as np


def fit_ridge(X, y, alpha):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("X must be 2-D and y 1-D with one entry per row")
    D = np.eye(X.shape[1])
    D[0, 0] = 0.0
    return np.linalg.lstsq(X.T @ X + alpha * D, X.T @ y, rcond=None)[0]
