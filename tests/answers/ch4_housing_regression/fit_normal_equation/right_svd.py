"""Right: the SVD written out: theta = V diag(1/s) U^T y over the singular values above a cutoff."""
import numpy as np


def fit_normal_equation(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("X must be 2-D and y 1-D with one entry per row")
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    if s.size == 0:
        return np.zeros(X.shape[1])
    keep = s > s.max() * max(X.shape) * np.finfo(float).eps
    return Vt[keep].T @ ((U[:, keep].T @ y) / s[keep])
