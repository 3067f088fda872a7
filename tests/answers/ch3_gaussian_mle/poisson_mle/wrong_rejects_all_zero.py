"""Requires a positive estimate (as lam > 0 in the log-likelihood), so it rejects counts that are all 0."""
import numpy as np


def poisson_mle(counts):
    k = np.asarray(counts, dtype=float)
    if k.size == 0:
        raise ValueError("no counts")
    if np.any(k < 0) or np.any(k != np.floor(k)):
        raise ValueError("counts must be whole numbers >= 0")
    lam = float(np.mean(k))
    if lam <= 0:
        raise ValueError("the rate must be positive")
    return lam
