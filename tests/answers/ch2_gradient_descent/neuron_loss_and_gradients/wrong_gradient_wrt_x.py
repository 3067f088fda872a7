"""Returns the gradient with respect to the input x (delta * w) instead of the weights (delta * x)."""
import numpy as np


def neuron_loss_and_gradients(w, b, x, y):
    w, x = np.asarray(w, dtype=float), np.asarray(x, dtype=float)
    if w.shape != x.shape:
        raise ValueError("w and x must have the same shape")
    p = sigmoid(float(w @ x + b))
    delta = 2 * (p - y) * p * (1 - p)
    return float((p - y) ** 2), delta * w, float(delta)
