"""Wrong: exponent -(x - mu)^2 / sigma^2, missing the factor 1/2."""
import numpy as np


def gaussian_pdf(x, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    z = (np.asarray(x, dtype=float) - mu) / sigma
    out = np.exp(-z ** 2) / (sigma * np.sqrt(2 * np.pi))
    return float(out) if np.ndim(x) == 0 else out
