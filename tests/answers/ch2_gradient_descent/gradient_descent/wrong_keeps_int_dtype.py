"""Copies x0 with np.array(x0), keeping an integer dtype: history[0] of an integer x0 is an integer array, and
an integer number x0 stays an int."""
import numpy as np


def gradient_descent(grad, x0, learning_rate=0.1, n_steps=50):
    if learning_rate <= 0:
        raise ValueError("learning_rate must be positive")
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")
    x = x0 if np.ndim(x0) == 0 else np.array(x0)
    history = [x]
    for _ in range(n_steps):
        x = x - learning_rate * np.asarray(grad(x))
        history.append(x)
    return x, history
