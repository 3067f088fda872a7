"""Right: a preallocated history of the loss computed inline with np.logaddexp, sigma by np.where on the sign."""
import numpy as np


def fit_logistic_regression(X, y, learning_rate=0.1, n_iters=1000):
    X = np.array(X, dtype=float)
    y = np.array(y, dtype=float)
    if not learning_rate > 0:
        raise ValueError("learning_rate must be > 0")
    if n_iters < 0:
        raise ValueError("n_iters must be >= 0")
    if X.ndim != 2 or y.ndim != 1 or len(y) != len(X):
        raise ValueError("X must be m x n and y of length m")
    if np.any((y != 0) & (y != 1)):
        raise ValueError("labels must be 0 or 1")
    m = len(y)
    theta = np.zeros(X.shape[1])
    losses = np.empty(n_iters + 1)
    z = X @ theta
    losses[0] = np.mean(np.logaddexp(0, z) - y * z)
    for k in range(1, n_iters + 1):
        e = np.exp(-np.abs(z))
        p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        theta = theta - learning_rate / m * X.T @ (p - y)
        z = X @ theta
        losses[k] = np.mean(np.logaddexp(0, z) - y * z)
    return theta, losses
