"""Calls np.cov(X) without rowvar=False, so each *sample* is treated as a variable.

Wrong: that gives an m x m matrix of covariances between samples, not the n x n feature covariance.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    if not 1 <= k <= n:
        raise ValueError("k out of range")
    values, vectors = np.linalg.eigh(np.cov(X))
    order = np.argsort(values)[::-1][:k]
    return vectors[:, order].T, values[order]
