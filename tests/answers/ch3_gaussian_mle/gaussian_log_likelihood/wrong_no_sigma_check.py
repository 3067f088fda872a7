"""Wrong: correct formula but no sigma check; it uses log|sigma| so negative sigma returns a number instead of
raising, and sigma = 0 gives inf."""
import numpy as np


def gaussian_log_likelihood(data, mu, sigma):
    x = np.asarray(data, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (x - mu) / sigma
        return float(-0.5 * x.size * np.log(2 * np.pi) - x.size * np.log(abs(sigma)) - 0.5 * np.sum(z ** 2))
