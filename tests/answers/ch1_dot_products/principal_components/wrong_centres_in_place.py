"""Centres X in place (X -= mean) before forming the covariance.

Wrong: np.asarray does not copy a float array, so the caller's data are overwritten with centred data.
The numbers returned are right.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    if not 1 <= k <= n:
        raise ValueError("k out of range")
    X -= X.mean(axis=0)
    C = X.T @ X / (m - 1)
    values, vectors = np.linalg.eigh(C)
    order = np.argsort(values)[::-1][:k]
    return vectors[:, order].T, values[order]
