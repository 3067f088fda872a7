"""Zeroes all but the k largest ENTRIES of X (by absolute value) instead of its singular values."""
import numpy as np


def low_rank_approximation(X, k):

    X = np.array(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    if not 1 <= k <= min(X.shape):
        raise ValueError("k must be between 1 and min(m, n)")

    flat = np.abs(X).ravel()
    keep = np.argsort(flat)[::-1][:k]
    result = np.zeros(X.size)
    result[keep] = X.ravel()[keep]
    return result.reshape(X.shape)
