"""Wrong: the same explicit inverse, imported under the bare name inv (and would fail on singular X^T X)."""
import numpy as np
from numpy.linalg import inv


def fit_normal_equation(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("X must be 2-D and y 1-D with one entry per row")
    try:
        return inv(X.T @ X) @ (X.T @ y)
    except np.linalg.LinAlgError:
        return np.linalg.lstsq(X, y, rcond=None)[0]
