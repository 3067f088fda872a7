"""Wrong: returns the variance sigma_hat^2 instead of the standard deviation sigma_hat."""
import numpy as np


def gaussian_mle(data):
    x = np.asarray(data, dtype=float)
    if x.size == 0:
        raise ValueError("empty data")
    return float(x.mean()), float(np.mean((x - x.mean()) ** 2))
