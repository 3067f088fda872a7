"""Uses np.linalg.eig and trusts its order, taking the first k eigenpairs.

Wrong: eig makes no promise about the order of the eigenvalues; they must be sorted, largest first.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    if not 1 <= k <= n:
        raise ValueError("k out of range")
    values, vectors = np.linalg.eig(np.cov(X, rowvar=False))
    return np.real(vectors[:, :k].T), np.real(values[:k])
