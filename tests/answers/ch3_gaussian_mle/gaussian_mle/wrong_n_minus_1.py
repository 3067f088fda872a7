"""Wrong: divides by n - 1 (the unbiased sample variance), which is not the maximum-likelihood estimate."""
import numpy as np


def gaussian_mle(data):
    x = np.asarray(data, dtype=float)
    if x.size == 0:
        raise ValueError("empty data")
    if x.size == 1:
        return float(x[0]), 0.0
    return float(x.mean()), float(np.std(x, ddof=1))
