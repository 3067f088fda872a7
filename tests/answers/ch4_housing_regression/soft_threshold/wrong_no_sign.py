"""Wrong: max(|z| - t, 0) without the sign, so negative values come back positive."""
import numpy as np


def soft_threshold(z, t):
    if t < 0:
        raise ValueError("t must be non-negative")
    result = np.maximum(np.abs(np.asarray(z, dtype=float)) - t, 0.0)
    return float(result) if result.ndim == 0 else result
