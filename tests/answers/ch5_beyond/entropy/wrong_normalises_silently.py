"""Divides p by its sum instead of raising when it does not sum to 1 (and takes abs of negative entries)."""
import numpy as np


def entropy(p):
    p = np.abs(np.asarray(p, dtype=float))
    p = p / p.sum()
    q = p[p > 0]
    return float(-np.sum(q * np.log(q)))
