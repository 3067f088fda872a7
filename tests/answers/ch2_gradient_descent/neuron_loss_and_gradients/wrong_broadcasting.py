"""Computes w . x as np.sum(w * x) with no shape check: a w of length 1 broadcasts against any x, so
mismatched lengths give a silent wrong answer instead of a ValueError."""
import numpy as np


def neuron_loss_and_gradients(w, b, x, y):
    w, x = np.asarray(w, dtype=float), np.asarray(x, dtype=float)
    p = sigmoid(float(np.sum(w * x) + b))
    delta = 2 * (p - y) * p * (1 - p)
    return float((p - y) ** 2), delta * x, float(delta)
