"""The reference approach with np.flip for the order, and every component multiplied by -1.

Right: -v is as good a unit eigenvector as v; the tests accept either sign, row by row.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    n = X.shape[1]
    if k < 1 or k > n:
        raise ValueError(f"k = {k} is outside 1..{n}")
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    values, vectors = np.flip(values), np.flip(vectors, axis=1)
    return -vectors[:, :k].T, values[:k]
