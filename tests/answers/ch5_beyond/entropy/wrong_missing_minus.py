"""Forgets the minus sign: returns sum p log p, which is negative."""
import numpy as np


def entropy(p):

    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or p.size == 0:
        raise ValueError("p must be a non-empty vector")
    if np.any(p < 0):
        raise ValueError("negative probability")
    if abs(p.sum() - 1) > 1e-8:
        raise ValueError("p must sum to 1")

    q = p[p > 0]
    return float(np.sum(q * np.log(q)))
