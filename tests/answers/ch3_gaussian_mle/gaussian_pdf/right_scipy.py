"""Right: delegates to scipy.stats.norm (allowed by the contract), converting scalar results to float."""
import numpy as np
from scipy.stats import norm


def gaussian_pdf(x, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be strictly positive")
    out = norm.pdf(np.asarray(x, dtype=float), loc=mu, scale=sigma)
    return float(out) if np.ndim(x) == 0 else np.asarray(out, dtype=float)
