"""Wrong: z - t where z > t and 0 elsewhere: the negative branch (z + t where z < -t) is forgotten."""
import numpy as np


def soft_threshold(z, t):
    if t < 0:
        raise ValueError("t must be non-negative")
    z = np.asarray(z, dtype=float)
    result = np.where(z > t, z - t, 0.0)
    return float(result) if result.ndim == 0 else result
