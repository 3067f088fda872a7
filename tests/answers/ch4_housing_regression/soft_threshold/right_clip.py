"""Right: sign(z) times |z| - t clipped below at 0, with np.clip; float() for a number."""
import numpy as np


def soft_threshold(z, t):
    if t < 0:
        raise ValueError("t must be non-negative")
    z = np.asarray(z, dtype=float)
    out = np.sign(z) * np.clip(np.abs(z) - t, 0, None)
    if out.ndim == 0:
        return float(out)
    return out
