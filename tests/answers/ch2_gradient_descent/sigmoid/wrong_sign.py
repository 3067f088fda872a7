"""Sign error: 1 / (1 + exp(z)), which is sigma(-z) = 1 - sigma(z) (computed stably)."""
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    s = np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
    return float(s) if s.ndim == 0 else s
