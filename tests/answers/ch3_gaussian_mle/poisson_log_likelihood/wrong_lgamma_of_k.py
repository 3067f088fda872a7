"""Takes log k! as math.lgamma(k) (off by one: Gamma(k + 1) = k!); a count of 0 then fails in lgamma."""
import math

import numpy as np


def poisson_log_likelihood(counts, lam):
    if lam <= 0:
        raise ValueError("lam must be positive")
    k = np.asarray(counts, dtype=float)
    if np.any(k < 0) or np.any(k != np.floor(k)):
        raise ValueError("counts must be whole numbers >= 0")
    return float(np.sum(k) * math.log(lam) - k.size * lam - sum(math.lgamma(value) for value in k))
