"""Divides the total by n - 1, out of habit from the sample variance."""
import numpy as np


def poisson_mle(counts):
    k = np.asarray(counts, dtype=float)
    if k.size == 0:
        raise ValueError("no counts")
    if np.any(k < 0) or np.any(k != np.floor(k)):
        raise ValueError("counts must be whole numbers >= 0")
    return float(k.sum() / (k.size - 1)) if k.size > 1 else float(k[0])
