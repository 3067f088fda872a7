"""Right: the factored form d_sigma = (sigma^2 - mean(r^2)) / sigma^3 and d_mu = (mu - mean(x)) / sigma^2,
returned as NumPy float64s in a list."""
import numpy as np


def gaussian_nll_gradient(data, mu, sigma):
    x = np.array(data, dtype=np.float64)
    s2 = sigma * sigma
    d_mu = (mu - x.mean()) / s2
    d_sigma = (s2 - np.mean((x - mu) ** 2)) / (sigma * s2)
    return [np.float64(d_mu), np.float64(d_sigma)]
