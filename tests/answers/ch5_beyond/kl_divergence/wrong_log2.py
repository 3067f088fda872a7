"""The divergence in bits (log2) instead of nats."""
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
    if np.any(q[s] == 0):
        return float("inf")
    return float(np.sum(p[s] * np.log2(p[s] / q[s])))
