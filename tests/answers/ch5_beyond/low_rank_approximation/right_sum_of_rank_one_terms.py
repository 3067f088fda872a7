"""Adds up the k rank-one terms sigma_i u_i v_i^T with np.outer, one at a time."""
import numpy as np


def low_rank_approximation(X, k):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be a matrix")
    m, n = X.shape
    if k < 1 or k > min(m, n):
        raise ValueError(f"k = {k} is not in 1..{min(m, n)}")
    U, s, Vt = np.linalg.svd(X)
    result = np.zeros((m, n))
    for i in range(k):
        result += s[i] * np.outer(U[:, i], Vt[i])
    return result
