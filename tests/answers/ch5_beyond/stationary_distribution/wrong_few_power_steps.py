"""Power iteration for a fixed 20 steps: not converged on slowly mixing chains."""
import numpy as np


def stationary_distribution(P):

    P = np.array(P, dtype=float)
    if P.ndim != 2 or P.shape[0] != P.shape[1]:
        raise ValueError("P must be square")
    if (P < 0).any():
        raise ValueError("negative probability")
    if np.any(np.abs(P.sum(axis=1) - 1) > 1e-8):
        raise ValueError("rows must sum to 1")

    p = np.full(P.shape[0], 1.0 / P.shape[0])
    for _ in range(20):
        p = p @ P
    return p
