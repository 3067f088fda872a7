"""Wrong: sigma_hat = sqrt(mean(x^2) - mean(x)^2), which cancels catastrophically for data with a large offset."""
import numpy as np


def gaussian_mle(data):
    x = np.asarray(data, dtype=float)
    if x.size == 0:
        raise ValueError("empty data")
    mu = x.mean()
    return float(mu), float(np.sqrt(abs(np.mean(x ** 2) - mu ** 2)))
