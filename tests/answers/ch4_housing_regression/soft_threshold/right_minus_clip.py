"""Right: z minus z clipped to [-t, t] (the part inside the band is removed), written without sign."""
import numpy as np


def soft_threshold(z, t):
    if t < 0:
        raise ValueError(f"negative threshold {t}")
    if np.isscalar(z):
        return float(z - min(max(z, -t), t))
    z = np.array(z, dtype=float)
    return z - np.clip(z, -t, t)
