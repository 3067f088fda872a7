"""Wrong: forgets the -n log(sigma) term of the normalising constant (right only for sigma = 1)."""
import numpy as np


def gaussian_log_likelihood(data, mu, sigma):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    x = np.asarray(data, dtype=float)
    return float(-0.5 * x.size * np.log(2 * np.pi) - 0.5 * np.sum(((x - mu) / sigma) ** 2))
