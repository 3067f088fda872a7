"""Solves pi (P - I) = 0 with sum(pi) = 1 as a least-squares problem."""
import numpy as np


def stationary_distribution(P):

    P = np.array(P, dtype=float)
    if P.ndim != 2 or P.shape[0] != P.shape[1]:
        raise ValueError("P must be square")
    if (P < 0).any():
        raise ValueError("negative probability")
    if np.any(np.abs(P.sum(axis=1) - 1) > 1e-8):
        raise ValueError("rows must sum to 1")

    n = P.shape[0]
    A = np.vstack([P.T - np.eye(n), np.ones(n)])
    b = np.zeros(n + 1)
    b[-1] = 1
    pi = np.linalg.lstsq(A, b, rcond=None)[0]
    pi = np.maximum(pi, 0)
    return pi / pi.sum()
