"""Central difference returned as a 0-d NumPy array, not a float."""
import numpy as np


def numerical_derivative(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("h must be positive")
    return np.array((f(x + h) - f(x - h)) / (2 * h), dtype=float)
