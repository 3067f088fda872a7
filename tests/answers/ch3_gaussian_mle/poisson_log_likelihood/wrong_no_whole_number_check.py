"""Checks the rate and the sign of the counts but not that they are whole numbers (lgamma accepts 2.5)."""
import math

import numpy as np


def poisson_log_likelihood(counts, lam):
    if lam <= 0:
        raise ValueError("lam must be positive")
    k = np.asarray(counts, dtype=float)
    if np.any(k < 0):
        raise ValueError("counts must be >= 0")
    return float(np.sum(k) * math.log(lam) - k.size * lam - sum(math.lgamma(value + 1) for value in k))
