"""Checks that the COLUMNS sum to 1 (P as a column-stochastic matrix) instead of the rows."""
import numpy as np


def stationary_distribution(P):
    P = np.array(P, dtype=float)
    if P.ndim != 2 or P.shape[0] != P.shape[1]:
        raise ValueError("P must be square")
    if (P < 0).any():
        raise ValueError("negative probability")
    if np.any(np.abs(P.sum(axis=0) - 1) > 1e-8):
        raise ValueError("columns must sum to 1")
    values, vectors = np.linalg.eig(P.T)
    v = np.real(vectors[:, np.argmin(np.abs(values - 1))])
    return v / v.sum()
