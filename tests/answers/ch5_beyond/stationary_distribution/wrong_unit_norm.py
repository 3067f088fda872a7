"""Returns the eigenvector of P^T as np.linalg.eig gives it (unit length), only fixing the sign."""
import numpy as np


def stationary_distribution(P):

    P = np.array(P, dtype=float)
    if P.ndim != 2 or P.shape[0] != P.shape[1]:
        raise ValueError("P must be square")
    if (P < 0).any():
        raise ValueError("negative probability")
    if np.any(np.abs(P.sum(axis=1) - 1) > 1e-8):
        raise ValueError("rows must sum to 1")

    values, vectors = np.linalg.eig(P.T)
    v = np.real(vectors[:, np.argmin(np.abs(values - 1))])
    return np.abs(v)
