"""Tries to be stable with np.where, but writes the naive formulas inside it: np.where evaluates both branches
on every element, so exp(-z) and exp(z) still overflow."""
import numpy as np


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    s = np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))
    return float(s) if s.ndim == 0 else s
