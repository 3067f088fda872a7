"""Converts every x0 with np.asarray, so a number x0 becomes a 0-d array: history[0] (and x when
n_steps = 0) is an array, not a float."""
import numpy as np


def gradient_descent(grad, x0, learning_rate=0.1, n_steps=50):
    if learning_rate <= 0:
        raise ValueError("learning_rate must be positive")
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")
    x = np.array(x0, dtype=float)
    history = [x]
    for _ in range(n_steps):
        x = x - learning_rate * grad(x)
        history.append(x)
    return x, history
