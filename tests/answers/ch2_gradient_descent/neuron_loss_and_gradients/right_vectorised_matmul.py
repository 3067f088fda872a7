"""Same chain rule written with @ and a shared backward factor; checks the shapes before any arithmetic."""
import numpy as np


def neuron_loss_and_gradients(w, b, x, y):
    w = np.asarray(w, dtype=float)
    x = np.asarray(x, dtype=float)
    if w.shape != x.shape or w.ndim != 1:
        raise ValueError(f"shape mismatch: w {w.shape} vs x {x.shape}")
    p = sigmoid(w @ x + b)
    residual = p - y
    dz = 2.0 * residual * (p - p * p)
    return float(residual * residual), np.multiply(dz, x), float(dz)
