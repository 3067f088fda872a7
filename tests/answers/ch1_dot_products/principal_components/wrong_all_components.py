"""Sorts correctly but ignores k and returns all n components and eigenvalues.

Wrong: the result must have k rows and k eigenvalues.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    if not 1 <= k <= n:
        raise ValueError("k out of range")
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    order = np.argsort(values)[::-1]
    return vectors[:, order].T, values[order]
