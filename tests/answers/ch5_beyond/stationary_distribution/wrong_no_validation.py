"""Computes the right vector but never checks that P is a valid transition matrix."""
import numpy as np


def stationary_distribution(P):
    P = np.array(P, dtype=float)
    values, vectors = np.linalg.eig(P.T)
    v = np.real(vectors[:, np.argmin(np.abs(values - 1))])
    return v / v.sum()
