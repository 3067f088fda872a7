"""Wrong: treats the argument sigma as the variance sigma^2 (a common mix-up with N(mu, sigma^2) notation)."""
import numpy as np


def gaussian_pdf(x, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    x = np.asarray(x, dtype=float)
    out = np.exp(-((x - mu) ** 2) / (2 * sigma)) / np.sqrt(2 * np.pi * sigma)
    return float(out) if out.ndim == 0 else out
