"""Uses scipy.special.xlogy, which is 0 where its first argument is 0."""
import numpy as np
from scipy.special import xlogy


def entropy(p):

    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or p.size == 0:
        raise ValueError("p must be a non-empty vector")
    if np.any(p < 0):
        raise ValueError("negative probability")
    if abs(p.sum() - 1) > 1e-8:
        raise ValueError("p must sum to 1")

    return float(-np.sum(xlogy(p, p)))
