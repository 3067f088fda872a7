"""Wrong: a central-difference numerical gradient with a fixed step h = 1e-6, the "more accurate" finite
difference the exercise rules out: its error is below the tolerance for sigma near 1, but for a small sigma the
step is not small against sigma (and for sigma < h, sigma - h is negative: nan)."""
import numpy as np


def gaussian_nll_gradient(data, mu, sigma):
    x = np.asarray(data, dtype=float)

    def J(m, s):
        return np.mean(0.5 * np.log(2 * np.pi) + np.log(s) + (x - m) ** 2 / (2 * s ** 2))

    h = 1e-6
    d_mu = (J(mu + h, sigma) - J(mu - h, sigma)) / (2 * h)
    d_sigma = (J(mu, sigma + h) - J(mu, sigma - h)) / (2 * h)
    return float(d_mu), float(d_sigma)
