"""Wrong: correct density but no check of sigma: sigma <= 0 returns nan/inf or negative numbers instead of
raising ValueError."""
import numpy as np


def gaussian_pdf(x, mu=0.0, sigma=1.0):
    z = (np.asarray(x, dtype=float) - mu) / sigma if sigma != 0 else np.full(np.shape(x), np.inf)
    out = np.exp(-0.5 * z ** 2) / (sigma * np.sqrt(2 * np.pi)) if sigma != 0 else np.zeros(np.shape(x))
    return float(out) if np.ndim(x) == 0 else out
