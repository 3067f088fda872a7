"""Wrong: normalising constant 1 / (sqrt(2 pi) sigma^2) instead of 1 / (sqrt(2 pi) sigma); right only for sigma = 1."""
import numpy as np


def gaussian_pdf(x, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    z = (np.asarray(x, dtype=float) - mu) / sigma
    out = np.exp(-0.5 * z ** 2) / (np.sqrt(2 * np.pi) * sigma ** 2)
    return float(out) if np.ndim(x) == 0 else out
