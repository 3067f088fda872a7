"""Right: scipy.stats.norm.logpdf summed (allowed by the contract; logpdf works in log space); returns float64."""
import numpy as np
from scipy import stats


def gaussian_log_likelihood(data, mu, sigma):
    if sigma <= 0:
        raise ValueError("sigma has to be > 0")
    return np.sum(stats.norm.logpdf(np.asarray(data, dtype=float), mu, sigma))
