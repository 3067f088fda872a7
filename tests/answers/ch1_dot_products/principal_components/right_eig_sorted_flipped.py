"""Builds the covariance by hand with loops, uses np.linalg.eig, sorts by decreasing eigenvalue, and
flips every component so that its largest entry is positive.

Right: eig on a symmetric matrix gives the same eigenpairs up to order and sign (and scale, fixed by
normalising); the order is fixed by sorting and the sign of each row is free.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    if k < 1 or k > n:
        raise ValueError("k is out of range")
    mean = X.mean(axis=0)
    C = np.zeros((n, n))
    for row in X:
        diff = row - mean
        C += np.outer(diff, diff)
    C /= m - 1
    values, vectors = np.linalg.eig(C)
    values, vectors = np.real(values), np.real(vectors)
    order = np.argsort(-values)[:k]
    components = vectors[:, order].T
    components /= np.linalg.norm(components, axis=1, keepdims=True)
    signs = np.sign(components[np.arange(k), np.argmax(np.abs(components), axis=1)])
    components *= signs[:, None]
    return components, values[order]
