"""Wrong: no shape checks, so a column-vector y broadcasts y - X @ theta to an m x m matrix silently."""
import numpy as np


def mse_cost(X, y, theta):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    theta = np.asarray(theta, dtype=float)
    return float(np.mean((y - X @ theta) ** 2))
