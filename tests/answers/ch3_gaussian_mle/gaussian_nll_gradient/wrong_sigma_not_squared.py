"""Wrong: d_mu = -mean(x - mu) / sigma (the sigma in the denominator should be squared)."""
import numpy as np


def gaussian_nll_gradient(data, mu, sigma):
    r = np.asarray(data, dtype=float) - mu
    return float(-np.mean(r) / sigma), float(1 / sigma - np.mean(r ** 2) / sigma ** 3)
