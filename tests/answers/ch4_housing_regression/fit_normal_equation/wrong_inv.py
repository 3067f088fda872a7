"""Wrong: the textbook formula with an explicit inverse, (X^T X)^-1 X^T y: banned, and it fails (or returns
garbage) when X^T X is singular."""
import numpy as np


def fit_normal_equation(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("X must be 2-D and y 1-D with one entry per row")
    return np.linalg.inv(X.T @ X) @ X.T @ y
