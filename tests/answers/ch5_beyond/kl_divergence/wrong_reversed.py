"""Computes sum q log(q / p): the divergence the other way round."""
import numpy as np
from scipy.special import rel_entr


def kl_divergence(p, q):

    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    for v in (p, q):
        if v.ndim != 1 or v.size == 0 or np.any(v < 0) or abs(v.sum() - 1) > 1e-8:
            raise ValueError("not a probability vector")
    if p.shape != q.shape:
        raise ValueError("p and q differ in length")

    return float(np.sum(rel_entr(q, p)))
