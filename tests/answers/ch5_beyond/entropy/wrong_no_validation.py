"""Computes the entropy of whatever it is given: no check that p is a probability vector."""
import numpy as np


def entropy(p):
    p = np.asarray(p, dtype=float)
    q = p[p > 0]
    return float(-np.sum(q * np.log(q)))
