"""np.mean after checking for empty input and invalid counts."""
import numpy as np


def poisson_mle(counts):
    k = np.asarray(counts, dtype=float)
    if len(k) == 0:
        raise ValueError("no counts")
    if (k < 0).any() or (np.round(k) != k).any():
        raise ValueError("counts must be non-negative integers")
    return k.mean()
