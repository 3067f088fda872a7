"""Wrong: the sum of the per-example losses instead of their mean."""
import numpy as np


def cross_entropy_loss(X, y, theta):
    X, y, theta = np.asarray(X, dtype=float), np.asarray(y, dtype=float), np.asarray(theta, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or theta.shape != (X.shape[1],):
        raise ValueError("X must be m x n, y of length m and theta of length n")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0 or 1")
    z = X @ theta
    return float(np.sum(np.logaddexp(0, z) - y * z))
