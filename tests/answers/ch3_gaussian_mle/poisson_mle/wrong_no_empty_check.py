"""Checks the counts but not that there are any: np.mean([]) warns and returns nan."""
import numpy as np


def poisson_mle(counts):
    k = np.asarray(counts, dtype=float)
    if np.any(k < 0) or np.any(k != np.floor(k)):
        raise ValueError("counts must be whole numbers >= 0")
    return float(np.mean(k))
