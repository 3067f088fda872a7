"""Correct iteration, but no checks: a zero or negative learning rate and a negative n_steps are accepted."""
import numpy as np


def gradient_descent(grad, x0, learning_rate=0.1, n_steps=50):
    x = float(x0) if np.ndim(x0) == 0 else np.array(x0, dtype=float)
    history = [x]
    for _ in range(n_steps):
        x = x - learning_rate * grad(x)
        history.append(x)
    return x, history
