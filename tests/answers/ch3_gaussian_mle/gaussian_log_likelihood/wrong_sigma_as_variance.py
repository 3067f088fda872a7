"""Wrong: treats sigma as the variance: -1/2 log(2 pi sigma) - (x - mu)^2 / (2 sigma)."""
import numpy as np


def gaussian_log_likelihood(data, mu, sigma):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    x = np.asarray(data, dtype=float)
    return float(np.sum(-0.5 * np.log(2 * np.pi * sigma) - (x - mu) ** 2 / (2 * sigma)))
