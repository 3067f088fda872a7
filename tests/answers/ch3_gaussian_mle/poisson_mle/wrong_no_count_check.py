"""Checks for empty input only: negative and fractional counts are averaged like any others."""
import numpy as np


def poisson_mle(counts):
    k = np.asarray(counts, dtype=float)
    if k.size == 0:
        raise ValueError("no counts")
    return float(np.mean(k))
