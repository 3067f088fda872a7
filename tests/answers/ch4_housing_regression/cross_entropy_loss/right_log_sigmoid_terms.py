"""Right: the textbook form with log(p) = -log(1 + e^-z) and log(1 - p) = -log(1 + e^z), each by np.logaddexp."""
import numpy as np


def cross_entropy_loss(X, y, theta):
    X = np.array(X, dtype=float)
    y = np.array(y, dtype=float)
    theta = np.array(theta, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    if y.ndim != 1 or len(y) != X.shape[0]:
        raise ValueError("y must be 1-D with one label per row")
    if theta.ndim != 1 or len(theta) != X.shape[1]:
        raise ValueError("theta must be 1-D with one entry per column")
    if np.any((y != 0) & (y != 1)):
        raise ValueError("every label must be 0 or 1")
    z = X @ theta
    log_p = -np.logaddexp(0, -z)
    log_1_minus_p = -np.logaddexp(0, z)
    return float(-np.mean(y * log_p + (1 - y) * log_1_minus_p))
