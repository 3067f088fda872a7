"""Wrong: the gradient of the log-likelihood (both signs flipped) instead of the negative log-likelihood."""
import numpy as np


def gaussian_nll_gradient(data, mu, sigma):
    r = np.asarray(data, dtype=float) - mu
    return float(np.mean(r) / sigma ** 2), float(-1 / sigma + np.mean(r ** 2) / sigma ** 3)
