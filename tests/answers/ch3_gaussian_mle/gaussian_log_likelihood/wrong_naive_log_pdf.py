"""Wrong: log of the density, np.log(pdf): the density underflows to 0 far from mu, giving -inf."""
import numpy as np


def gaussian_log_likelihood(data, mu, sigma):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    x = np.asarray(data, dtype=float)
    pdf = np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))
    with np.errstate(divide="ignore"):
        return float(np.sum(np.log(pdf)))
