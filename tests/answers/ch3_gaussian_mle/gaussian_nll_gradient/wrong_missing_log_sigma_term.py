"""Wrong: d_sigma forgets the 1/sigma that comes from the log(sigma) term of the NLL."""
import numpy as np


def gaussian_nll_gradient(data, mu, sigma):
    r = np.asarray(data, dtype=float) - mu
    return float(-np.mean(r) / sigma ** 2), float(-np.mean(r ** 2) / sigma ** 3)
