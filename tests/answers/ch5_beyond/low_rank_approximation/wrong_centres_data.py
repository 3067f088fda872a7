"""Centres the columns first, as for PCA, and returns the approximation of the centred matrix without adding
the means back."""
import numpy as np


def low_rank_approximation(X, k):

    X = np.array(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    if not 1 <= k <= min(X.shape):
        raise ValueError("k must be between 1 and min(m, n)")

    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return U[:, :k] @ np.diag(s[:k]) @ Vt[:k, :]
