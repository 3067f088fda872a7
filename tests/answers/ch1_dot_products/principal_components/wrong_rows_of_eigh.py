"""Picks rows of eigh's eigenvector matrix instead of columns (vectors[order] rather than vectors[:, order]).

Wrong: the rows of that matrix are not eigenvectors; the shape is right, so only the values give it away.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    if not 1 <= k <= n:
        raise ValueError("k out of range")
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    order = np.argsort(values)[::-1][:k]
    return vectors[order], values[order]
