"""The average of the forward and the backward difference: algebraically the same central difference
(f(x + h) - f(x - h)) / (2h), written differently; it returns a NumPy float64."""
import numpy as np


def numerical_derivative(f, x, h=1e-5):
    if not h > 0:
        raise ValueError(f"h must be a positive step, not {h}")
    forward = (f(x + h) - f(x)) / h
    backward = (f(x) - f(x - h)) / h
    return np.float64(0.5 * (forward + backward))
