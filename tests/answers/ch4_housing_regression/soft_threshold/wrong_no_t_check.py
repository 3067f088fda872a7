"""Wrong: no check of t, so a negative threshold silently pushes values away from 0."""
import numpy as np


def soft_threshold(z, t):
    z = np.asarray(z, dtype=float)
    result = np.sign(z) * np.maximum(np.abs(z) - t, 0.0)
    return float(result) if result.ndim == 0 else result
