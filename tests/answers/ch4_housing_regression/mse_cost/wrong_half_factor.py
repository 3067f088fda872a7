"""Wrong: uses 1/(2m), the convention of some textbooks, instead of the 1/m this chapter defines."""
import numpy as np


def mse_cost(X, y, theta):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    theta = np.asarray(theta, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or theta.shape != (X.shape[1],):
        raise ValueError("shapes of X, y, theta do not match")
    return float(np.sum((y - X @ theta) ** 2) / (2 * X.shape[0]))
