"""Wrong: log of the product of the densities (the likelihood itself), which underflows for many points or far
data."""
import numpy as np


def gaussian_log_likelihood(data, mu, sigma):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    x = np.asarray(data, dtype=float)
    pdf = np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))
    with np.errstate(divide="ignore"):
        return float(np.log(np.prod(pdf)))
