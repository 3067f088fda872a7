"""Centres the data and takes its SVD: X_c = U S V^T; the rows of V^T are the components and
S^2 / (m - 1) the eigenvalues of the covariance, already in decreasing order.

Right: avoids forming the covariance matrix at all (more accurate); signs differ from eigh's, which is allowed.
"""
import numpy as np


def principal_components(X, k):
    X = np.array(X, dtype=float)
    m, n = X.shape
    if not 1 <= k <= n:
        raise ValueError(f"k must satisfy 1 <= k <= {n}")
    centred = X - X.mean(axis=0)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    return vt[:k].copy(), singular[:k] ** 2 / (m - 1)
