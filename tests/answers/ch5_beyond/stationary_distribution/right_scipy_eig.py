"""Eigenvector of P^T via scipy.linalg.eig, picking the eigenvalue closest to 1 and normalising by the sum."""
import numpy as np
import scipy.linalg


def stationary_distribution(P):

    P = np.array(P, dtype=float)
    if P.ndim != 2 or P.shape[0] != P.shape[1]:
        raise ValueError("P must be square")
    if (P < 0).any():
        raise ValueError("negative probability")
    if np.any(np.abs(P.sum(axis=1) - 1) > 1e-8):
        raise ValueError("rows must sum to 1")

    w, V = scipy.linalg.eig(P.T)
    v = V[:, np.argmin(abs(w - 1))].real
    v = v / v.sum()
    return np.abs(v)
