"""sigma(z) = exp(-log(1 + exp(-z))) = exp(-logaddexp(0, -z)); np.logaddexp is stable and the outer exp only
sees non-positive numbers (it may underflow to 0, which is allowed)."""
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    s = np.exp(-np.logaddexp(0.0, -z))
    return float(s) if s.ndim == 0 else s
