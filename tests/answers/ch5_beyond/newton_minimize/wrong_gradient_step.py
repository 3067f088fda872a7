"""Ignores the Hessian: x - grad(x), a gradient step with learning rate 1."""
import numpy as np


def newton_minimize(grad, hess, x0, n_steps=20):
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")
    x = np.array(x0, dtype=float)
    history = [x]
    for _ in range(n_steps):
        H = np.asarray(hess(x), dtype=float)
        if np.linalg.det(H) == 0:
            raise ValueError("singular Hessian")
        x = x - np.asarray(grad(x), dtype=float)
        history.append(x)
    return x, history
