"""Right: the stable softplus written out, max(z, 0) + log1p(exp(-|z|)), minus y z; labels checked with np.isin."""
import numpy as np


def cross_entropy_loss(X, y, theta):
    X, y, theta = np.asarray(X, dtype=float), np.asarray(y, dtype=float), np.asarray(theta, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or theta.shape != (X.shape[1],):
        raise ValueError("X must be m x n, y of length m and theta of length n")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("labels must be 0 or 1")
    z = X @ theta
    softplus = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))
    return np.mean(softplus - y * z)
