"""Right values, but a number comes back as a 0-d NumPy array instead of a float."""
import numpy as np


def sigmoid_derivative(z):
    s = np.asarray(sigmoid(z), dtype=float)
    return np.asarray(s * (1.0 - s))
