"""SciPy's Poisson log-pmf, summed, after checking the rate and the counts."""
import numpy as np
from scipy import stats


def poisson_log_likelihood(counts, lam):
    if lam <= 0:
        raise ValueError("lam must be > 0")
    k = np.asarray(counts)
    if np.any(k < 0) or np.any(k % 1 != 0):
        raise ValueError("every count must be a non-negative whole number")
    return float(np.sum(stats.poisson.logpmf(k, lam)))
