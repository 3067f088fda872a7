"""Avoids overflow by clipping z to [-10, 10] first: no warnings, but sigma is wrong beyond |z| = 10
(sigma(-20) becomes sigma(-10), about 4.5e-5 instead of 2e-9)."""
import numpy as np


def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=float), -10, 10)
    s = 1.0 / (1.0 + np.exp(-z))
    return float(s) if s.ndim == 0 else s
