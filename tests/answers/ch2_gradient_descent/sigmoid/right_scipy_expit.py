"""Delegates to scipy.special.expit, SciPy's stable logistic sigmoid; a number gives a NumPy float64."""
import numpy as np
from scipy.special import expit


def sigmoid(z):
    s = expit(np.asarray(z, dtype=float))
    return s[()] if s.ndim == 0 else s
