"""Forms the centred covariance by hand and asks scipy.linalg.eigh for only the k largest eigenpairs
(subset_by_index), then reverses them into decreasing order.

Right: the same eigenpairs as np.linalg.eigh on np.cov, computed with another routine; the eigenvector
signs may differ, which the contract allows.
"""
import numpy as np
import scipy.linalg


def principal_components(X, k):
    X = np.array(X, dtype=float)
    m, n = X.shape
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= n:
        raise ValueError(f"k must be an integer from 1 to {n}, got {k}")
    centred = X - X.mean(axis=0, keepdims=True)
    covariance = centred.T @ centred / (m - 1)
    values, vectors = scipy.linalg.eigh(covariance, subset_by_index=[n - k, n - 1])
    return np.ascontiguousarray(vectors[:, ::-1].T), values[::-1].copy()
