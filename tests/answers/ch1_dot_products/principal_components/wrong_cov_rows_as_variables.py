"""Calls np.cov(X) without rowvar=False, so each *sample* is treated as a variable.

Wrong: that gives an n x n matrix of covariances between samples, not the d x d feature covariance.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    if not 1 <= k <= d:
        raise ValueError("k out of range")
    values, vectors = np.linalg.eigh(np.cov(X))
    order = np.argsort(values)[::-1][:k]
    return vectors[:, order].T, values[order]
