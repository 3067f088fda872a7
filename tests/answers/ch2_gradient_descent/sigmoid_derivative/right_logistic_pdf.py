"""sigma'(z) is the density of the standard logistic distribution: scipy.stats.logistic.pdf, which computes it
stably and accurately in both tails."""
import numpy as np
from scipy import stats


def sigmoid_derivative(z):
    d = stats.logistic.pdf(np.asarray(z, dtype=float))
    return float(d) if np.ndim(d) == 0 else np.asarray(d, dtype=float)
