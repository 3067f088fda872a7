"""Sign error: differentiates (y - p)**2 as 2 (y - p) without the inner minus sign, so the gradients point the
wrong way."""
import numpy as np


def neuron_loss_and_gradients(w, b, x, y):
    w, x = np.asarray(w, dtype=float), np.asarray(x, dtype=float)
    if w.shape != x.shape:
        raise ValueError("w and x must have the same shape")
    p = sigmoid(float(w @ x + b))
    delta = 2 * (y - p) * p * (1 - p)
    return float((y - p) ** 2), delta * x, float(delta)
