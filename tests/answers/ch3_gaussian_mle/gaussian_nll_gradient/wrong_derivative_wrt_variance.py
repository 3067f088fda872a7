"""Wrong: differentiates with respect to the variance v = sigma^2 instead of sigma:
dJ/dv = 1/(2 v) - mean(r^2) / (2 v^2)."""
import numpy as np


def gaussian_nll_gradient(data, mu, sigma):
    r = np.asarray(data, dtype=float) - mu
    v = sigma ** 2
    return float(-np.mean(r) / v), float(1 / (2 * v) - np.mean(r ** 2) / (2 * v ** 2))
