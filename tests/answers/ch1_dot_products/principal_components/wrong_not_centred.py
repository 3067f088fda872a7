"""Uses X^T X / (m - 1) as the covariance, forgetting to subtract the mean.

Wrong: without centring, the top "component" points towards the mean of the data.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    if not 1 <= k <= n:
        raise ValueError("k out of range")
    C = X.T @ X / (m - 1)
    values, vectors = np.linalg.eigh(C)
    order = np.argsort(values)[::-1][:k]
    return vectors[:, order].T, values[order]
