"""Computes the pmf lam^k e^-lam / k! with SciPy's factorial, then takes its log (overflows for large counts)."""
import numpy as np
from scipy.special import factorial


def poisson_log_likelihood(counts, lam):
    if lam <= 0:
        raise ValueError("lam must be positive")
    k = np.asarray(counts, dtype=float)
    if np.any(k < 0) or np.any(k != np.round(k)):
        raise ValueError("counts must be whole numbers >= 0")
    pmf = lam ** k * np.exp(-lam) / factorial(k)
    return float(np.sum(np.log(pmf)))
