"""Uses the identity sigma(z) = (1 + tanh(z / 2)) / 2; tanh never overflows (it saturates at +-1)."""
import numpy as np


def sigmoid(z):
    s = 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))
    if np.ndim(s) == 0:
        return float(s)
    return s
