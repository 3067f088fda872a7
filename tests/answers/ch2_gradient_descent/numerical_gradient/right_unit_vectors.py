"""Builds the shifted points with the rows of the identity matrix, x +/- h e_i, collects the differences in a
list and converts it to a float array at the end."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    if not h > 0:
        raise ValueError("the step h must be positive")
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"x must be one-dimensional, got shape {x.shape}")
    parts = [(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(len(x))]
    return np.array(parts, dtype=float).reshape(x.shape)
