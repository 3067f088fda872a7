"""Fills the result with boolean masks, computing each branch only on its own elements; numbers go through
the same code as 1-element arrays."""
import numpy as np


def sigmoid(z):
    arr = np.array(z, dtype=float, ndmin=1)
    out = np.empty_like(arr)
    pos = arr >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-arr[pos]))
    ez = np.exp(arr[~pos])
    out[~pos] = ez / (1.0 + ez)
    if np.ndim(z) == 0:
        return float(out[0])
    return out.reshape(np.shape(z))
