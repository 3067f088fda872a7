"""sigma(z) (1 - sigma(z)) = sigma(z) sigma(-z), using the student's sigmoid twice."""
import numpy as np


def sigmoid_derivative(z):
    z = np.asarray(z, dtype=float) if np.ndim(z) else float(z)
    return sigmoid(z) * sigmoid(-z)
