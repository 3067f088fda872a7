"""Uses the identity sigma(z) = (1 + tanh(z / 2)) / 2 but forgets the half inside tanh: (1 + tanh(z)) / 2 is
sigma(2z)."""
import numpy as np


def sigmoid(z):
    s = 0.5 * (1.0 + np.tanh(np.asarray(z, dtype=float)))
    return float(s) if s.ndim == 0 else s
