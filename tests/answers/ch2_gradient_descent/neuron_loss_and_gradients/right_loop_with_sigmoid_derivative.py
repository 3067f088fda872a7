"""Computes z with an explicit loop, uses sigmoid_derivative(z) for dp/dz, and builds dL_dw entry by entry;
returns NumPy float64 scalars."""
import numpy as np


def neuron_loss_and_gradients(w, b, x, y):
    w = np.array(w, dtype=float)
    x = np.array(x, dtype=float)
    if w.ndim != 1 or x.ndim != 1 or len(w) != len(x):
        raise ValueError("w and x must be vectors of equal length")
    z = b
    for wj, xj in zip(w, x):
        z += wj * xj
    p = sigmoid(z)
    dL_dp = 2.0 * (p - y)
    dp_dz = sigmoid_derivative(z)
    dL_dw = np.empty_like(w)
    for j in range(len(w)):
        dL_dw[j] = dL_dp * dp_dz * x[j]
    return np.float64((p - y) ** 2), dL_dw, np.float64(dL_dp * dp_dz)
