"""Sums over every entry: 0 * log(0 / q) is nan where p has zeros."""
import numpy as np


def kl_divergence(p, q):

    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    for v in (p, q):
        if v.ndim != 1 or v.size == 0 or np.any(v < 0) or abs(v.sum() - 1) > 1e-8:
            raise ValueError("not a probability vector")
    if p.shape != q.shape:
        raise ValueError("p and q differ in length")

    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum(p * np.log(p / q)))
