"""Wrong: flattens the input, so a 2-D array comes back 1-D (shape not preserved)."""
import numpy as np


def gaussian_pdf(x, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    if np.ndim(x) == 0:
        return float(np.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi)))
    z = (np.ravel(np.asarray(x, dtype=float)) - mu) / sigma
    return np.exp(-0.5 * z ** 2) / (sigma * np.sqrt(2 * np.pi))
