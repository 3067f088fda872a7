"""Returns the mean log-probability per count instead of the sum."""
import math

import numpy as np


def poisson_log_likelihood(counts, lam):
    if lam <= 0:
        raise ValueError("lam must be positive")
    k = np.asarray(counts, dtype=float)
    if np.any(k < 0) or np.any(k != np.floor(k)):
        raise ValueError("counts must be whole numbers >= 0")
    terms = [value * math.log(lam) - lam - math.lgamma(value + 1) for value in k]
    return float(np.mean(terms))
