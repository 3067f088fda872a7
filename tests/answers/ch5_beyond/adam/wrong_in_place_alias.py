"""Updates x in place (x -= ...) and appends the same array every step: every history entry is the final x."""
import numpy as np


def adam(grad, x0, learning_rate=0.001, beta1=0.9, beta2=0.999, eps=1e-8, n_steps=1000):
    if learning_rate <= 0:
        raise ValueError("learning_rate must be positive")
    if not (0 <= beta1 < 1 and 0 <= beta2 < 1):
        raise ValueError("betas must be in [0, 1)")
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")

    x = np.array(x0, dtype=float)
    m = np.zeros_like(x)
    v = np.zeros_like(x)
    history = [x]
    for t in range(1, n_steps + 1):
        g = np.asarray(grad(x), dtype=float)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        x -= learning_rate * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
        history.append(x)
    return x, history
