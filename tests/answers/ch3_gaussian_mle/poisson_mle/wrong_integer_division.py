"""Divides the total by n with // (integer division)."""
import numpy as np


def poisson_mle(counts):
    k = np.asarray(counts, dtype=float)
    if k.size == 0:
        raise ValueError("no counts")
    if np.any(k < 0) or np.any(k != np.floor(k)):
        raise ValueError("counts must be whole numbers >= 0")
    return float(k.sum() // k.size)
