"""Drops the -log(k!) terms because they do not depend on lambda (right maximiser, wrong log-likelihood)."""
import numpy as np


def poisson_log_likelihood(counts, lam):
    if lam <= 0:
        raise ValueError("lam must be positive")
    k = np.asarray(counts, dtype=float)
    if np.any(k < 0) or np.any(k != np.floor(k)):
        raise ValueError("counts must be whole numbers >= 0")
    return float(np.sum(k * np.log(lam) - lam))
