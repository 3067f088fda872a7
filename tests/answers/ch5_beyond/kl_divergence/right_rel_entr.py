"""scipy.special.rel_entr, which already handles 0 log 0 and q = 0 (inf)."""
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

    return float(np.sum(rel_entr(p, q)))
