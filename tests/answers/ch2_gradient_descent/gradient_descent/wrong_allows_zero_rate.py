"""Checks learning_rate < 0 instead of <= 0: a learning rate of 0 (which never moves) is accepted."""
import numpy as np


def gradient_descent(grad, x0, learning_rate=0.1, n_steps=50):
    if learning_rate < 0:
        raise ValueError("learning_rate must not be negative")
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")
    x = float(x0) if np.ndim(x0) == 0 else np.array(x0, dtype=float)
    history = [x]
    for _ in range(n_steps):
        x = x - learning_rate * grad(x)
        history.append(x)
    return x, history
