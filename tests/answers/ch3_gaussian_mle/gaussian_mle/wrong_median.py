"""Wrong: uses the median as the location estimate (the MLE of a Laplace, not a Gaussian, location)."""
import numpy as np


def gaussian_mle(data):
    x = np.asarray(data, dtype=float)
    if x.size == 0:
        raise ValueError("empty data")
    m = np.median(x)
    return float(m), float(np.sqrt(np.mean((x - x.mean()) ** 2)))
