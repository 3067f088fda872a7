"""Appends before updating, n_steps + 1 times: the history is right, but the returned x is one step further
than history[-1]."""
import numpy as np


def gradient_descent(grad, x0, learning_rate=0.1, n_steps=50):
    if learning_rate <= 0:
        raise ValueError("learning_rate must be positive")
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")
    x = float(x0) if np.ndim(x0) == 0 else np.array(x0, dtype=float)
    history = []
    for _ in range(n_steps + 1):
        history.append(x)
        x = x - learning_rate * grad(x)
    return x, history
