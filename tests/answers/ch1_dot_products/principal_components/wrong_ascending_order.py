"""Takes the first k eigenpairs exactly as eigh returns them.

Wrong: eigh sorts eigenvalues in ascending order, so these are the k *smallest* components.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    if not 1 <= k <= n:
        raise ValueError("k out of range")
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    return vectors[:, :k].T, values[:k]
