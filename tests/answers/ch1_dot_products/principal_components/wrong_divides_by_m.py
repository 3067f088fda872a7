"""Uses the biased covariance (np.cov with bias=True, dividing by m).

Wrong: the contract asks for the sample covariance divided by m - 1; the eigenvalues come out too small.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    if not 1 <= k <= n:
        raise ValueError("k out of range")
    values, vectors = np.linalg.eigh(np.atleast_2d(np.cov(X, rowvar=False, bias=True)))
    order = np.argsort(values)[::-1][:k]
    return vectors[:, order].T, values[order]
