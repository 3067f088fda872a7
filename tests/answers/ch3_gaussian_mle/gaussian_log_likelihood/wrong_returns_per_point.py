"""Wrong: returns the array of per-point log-densities instead of their sum."""
import numpy as np


def gaussian_log_likelihood(data, mu, sigma):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    z = (np.asarray(data, dtype=float) - mu) / sigma
    return -0.5 * np.log(2 * np.pi) - np.log(sigma) - 0.5 * z ** 2
