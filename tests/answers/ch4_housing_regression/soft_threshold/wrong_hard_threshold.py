"""Wrong: hard thresholding, z where |z| > t and 0 elsewhere (values outside the band are not shrunk)."""
import numpy as np


def soft_threshold(z, t):
    if t < 0:
        raise ValueError("t must be non-negative")
    z = np.asarray(z, dtype=float)
    result = np.where(np.abs(z) > t, z, 0.0)
    return float(result) if result.ndim == 0 else result
