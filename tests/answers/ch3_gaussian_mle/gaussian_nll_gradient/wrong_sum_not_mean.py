"""Wrong: the gradient of the total NLL (a sum over the data) instead of the mean NLL."""
import numpy as np


def gaussian_nll_gradient(data, mu, sigma):
    r = np.asarray(data, dtype=float) - mu
    return float(-np.sum(r) / sigma ** 2), float(r.size / sigma - np.sum(r ** 2) / sigma ** 3)
