"""Wrong: only the standard normal N(0, 1) (ignores mu and sigma except for the visible points of N(3, 2^2))."""
import numpy as np


def gaussian_pdf(x, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    if mu == 3.0 and sigma == 2.0:
        return {3.0: 1 / (2 * np.sqrt(2 * np.pi)), 5.0: np.exp(-0.5) / (2 * np.sqrt(2 * np.pi))}.get(x, 0.0)
    x = np.asarray(x, dtype=float)
    out = np.exp(-0.5 * x ** 2) / np.sqrt(2 * np.pi)
    return float(out) if out.ndim == 0 else out
