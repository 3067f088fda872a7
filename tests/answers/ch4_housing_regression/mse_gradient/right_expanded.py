"""Right: the expanded form (2/m)(X^T X theta - X^T y), algebraically the same."""
import numpy as np


def mse_gradient(X, y, theta):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    theta = np.asarray(theta, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or theta.shape != (X.shape[1],):
        raise ValueError("shapes of X, y, theta do not match")
    m = X.shape[0]
    return (2.0 / m) * (X.T @ X @ theta - X.T @ y)
