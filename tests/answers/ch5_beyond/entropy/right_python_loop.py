"""A plain loop with math.log, skipping zero entries; validation with math.isclose-like tolerance."""
import math

import numpy as np


def entropy(p):
    values = [float(v) for v in np.ravel(p)] if np.ndim(p) == 1 else None
    if not values:
        raise ValueError("p must be a non-empty 1-D vector")
    if min(values) < 0:
        raise ValueError("p has a negative entry")
    if abs(math.fsum(values) - 1.0) > 1e-8:
        raise ValueError("p does not sum to 1")
    total = 0.0
    for v in values:
        if v > 0:
            total -= v * math.log(v)
    return total
