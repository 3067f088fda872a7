"""The textbook formula sigma(z) (1 - sigma(z)) with the student's stable sigmoid: no warning anywhere, but
1 - sigmoid(z) is exactly 0.0 for z >= 37, so sigma'(40) comes out 0.0 instead of 4.2e-18."""
import numpy as np


def sigmoid_derivative(z):
    s = sigmoid(np.asarray(z, dtype=float))
    d = s * (1.0 - s)
    return float(d) if np.ndim(d) == 0 else d
