"""Right: exponentiates the log-density (a different but equivalent formula); returns a NumPy float64 for a
scalar and a float array of x's shape otherwise."""
import numpy as np


def gaussian_pdf(x, mu=0.0, sigma=1.0):
    if sigma <= 0 or np.isnan(sigma):
        raise ValueError(f"sigma must be > 0 (got {sigma})")
    arr = np.array(x, dtype=np.float64)           # a copy: x is never touched
    log_density = -0.5 * np.log(2 * np.pi) - np.log(sigma) - 0.5 * ((arr - mu) / sigma) ** 2
    out = np.exp(log_density)
    if np.isscalar(x):
        return np.float64(out)
    return out
