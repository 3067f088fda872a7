"""Checks p.sum() == 1 exactly: rejects [0.1, 0.2, 0.7], whose float sum is not exactly 1."""
import numpy as np


def entropy(p):
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or p.size == 0 or np.any(p < 0) or p.sum() != 1:
        raise ValueError("p is not a probability vector")
    q = p[p > 0]
    return float(-np.sum(q * np.log(q)))
