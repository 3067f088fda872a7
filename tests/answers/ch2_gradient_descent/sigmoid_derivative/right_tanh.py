"""sigma'(z) = (1 - tanh(z / 2)**2) / 4, from sigma(z) = (1 + tanh(z / 2)) / 2; tanh never overflows."""
import numpy as np


def sigmoid_derivative(z):
    t = np.tanh(np.asarray(z, dtype=float) / 2.0)
    d = 0.25 * (1.0 - t * t)
    return float(d) if d.ndim == 0 else d
