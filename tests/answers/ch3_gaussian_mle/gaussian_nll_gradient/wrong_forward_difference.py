"""Wrong: a forward-difference numerical gradient with h = 1e-5; its O(h) error is far above the tolerance."""
import numpy as np


def gaussian_nll_gradient(data, mu, sigma):
    x = np.asarray(data, dtype=float)

    def J(m, s):
        return np.mean(0.5 * np.log(2 * np.pi) + np.log(s) + (x - m) ** 2 / (2 * s ** 2))

    h = 1e-5
    return float((J(mu + h, sigma) - J(mu, sigma)) / h), float((J(mu, sigma + h) - J(mu, sigma)) / h)
