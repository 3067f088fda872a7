"""Wrong: no shape checks; a column-vector y broadcasts silently and produces a matrix."""
import numpy as np


def mse_gradient(X, y, theta):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    theta = np.asarray(theta, dtype=float)
    return -2.0 / X.shape[0] * X.T @ (y - X @ theta)
