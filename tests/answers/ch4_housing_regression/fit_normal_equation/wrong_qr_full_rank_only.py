"""Wrong: QR factorisation and a triangular solve: accurate for full-rank X, but R is singular (or the
system underdetermined) when the columns are dependent."""
import numpy as np


def fit_normal_equation(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("X must be 2-D and y 1-D with one entry per row")
    Q, R = np.linalg.qr(X)
    return np.linalg.solve(R, Q.T @ y)
