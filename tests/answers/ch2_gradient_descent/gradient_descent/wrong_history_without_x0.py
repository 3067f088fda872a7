"""Off by one: records the iterate after each step but not x0, so history has n_steps entries, not n_steps + 1."""
import numpy as np


def gradient_descent(grad, x0, learning_rate=0.1, n_steps=50):
    if learning_rate <= 0:
        raise ValueError("learning_rate must be positive")
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")
    x = float(x0) if np.ndim(x0) == 0 else np.array(x0, dtype=float)
    history = []
    for _ in range(n_steps):
        x = x - learning_rate * grad(x)
        history.append(x)
    return x, history
