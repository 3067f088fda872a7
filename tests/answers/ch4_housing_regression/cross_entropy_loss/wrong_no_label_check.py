"""Wrong: no check of the labels, so a label 2 or 0.5 gives a number instead of an error."""
import numpy as np


def cross_entropy_loss(X, y, theta):
    X, y, theta = np.asarray(X, dtype=float), np.asarray(y, dtype=float), np.asarray(theta, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or theta.shape != (X.shape[1],):
        raise ValueError("X must be m x n, y of length m and theta of length n")
    z = X @ theta
    return float(np.mean(np.logaddexp(0, z) - y * z))
