"""Wrong: the formula as written, p = 1 / (1 + e^-z) then log p and log(1 - p): inf, nan and warnings for large scores."""
import numpy as np


def cross_entropy_loss(X, y, theta):
    X, y, theta = np.asarray(X, dtype=float), np.asarray(y, dtype=float), np.asarray(theta, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or theta.shape != (X.shape[1],):
        raise ValueError("X must be m x n, y of length m and theta of length n")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0 or 1")
    p = 1 / (1 + np.exp(-(X @ theta)))
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
