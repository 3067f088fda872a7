"""Keeps k + 1 singular values (s[:k + 1]), an off-by-one in the slice."""
import numpy as np


def low_rank_approximation(X, k):

    X = np.array(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    if not 1 <= k <= min(X.shape):
        raise ValueError("k must be between 1 and min(m, n)")

    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    return U[:, :k + 1] @ np.diag(s[:k + 1]) @ Vt[:k + 1, :]
