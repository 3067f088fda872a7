"""Stops the chain rule at p: uses dL/dp = 2 (p - y) as if it were dL/dz, missing the factor sigma'(z) = p (1 - p)."""
import numpy as np


def neuron_loss_and_gradients(w, b, x, y):
    w, x = np.asarray(w, dtype=float), np.asarray(x, dtype=float)
    if w.shape != x.shape:
        raise ValueError("w and x must have the same shape")
    p = sigmoid(float(w @ x + b))
    delta = 2 * (p - y)
    return float((p - y) ** 2), delta * x, float(delta)
