"""Validates each vector but not that they have the same length: zip silently truncates."""
import math

import numpy as np


def kl_divergence(p, q):
    p = np.asarray(p, dtype=float)
    q = np.asarray(q, dtype=float)
    for v in (p, q):
        if v.ndim != 1 or v.size == 0 or np.any(v < 0) or abs(v.sum() - 1) > 1e-8:
            raise ValueError("not a probability vector")
    total = 0.0
    for pi, qi in zip(p, q):
        if pi > 0:
            if qi == 0:
                return math.inf
            total += pi * math.log(pi / qi)
    return total
