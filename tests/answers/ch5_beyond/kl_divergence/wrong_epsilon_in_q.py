"""Adds 1e-12 to q to avoid dividing by zero: a large finite number where the divergence is infinite."""
import numpy as np


def kl_divergence(p, q):

    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    for v in (p, q):
        if v.ndim != 1 or v.size == 0 or np.any(v < 0) or abs(v.sum() - 1) > 1e-8:
            raise ValueError("not a probability vector")
    if p.shape != q.shape:
        raise ValueError("p and q differ in length")

    s = p > 0
    return float(np.sum(p[s] * np.log(p[s] / (q[s] + 1e-12))))
