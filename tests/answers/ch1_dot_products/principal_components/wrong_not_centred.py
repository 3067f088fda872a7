"""Uses X^T X / (n - 1) as the covariance, forgetting to subtract the mean.

Wrong: without centring, the top "component" points towards the mean of the data.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    if not 1 <= k <= d:
        raise ValueError("k out of range")
    C = X.T @ X / (n - 1)
    values, vectors = np.linalg.eigh(C)
    order = np.argsort(values)[::-1][:k]
    return vectors[:, order].T, values[order]
