"""Wrong: the gradient of the SUM of squares, missing the 1/m of the mean."""
import numpy as np


def mse_gradient(X, y, theta):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    theta = np.asarray(theta, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or theta.shape != (X.shape[1],):
        raise ValueError("shapes of X, y, theta do not match")
    return -2.0 * X.T @ (y - X @ theta)
