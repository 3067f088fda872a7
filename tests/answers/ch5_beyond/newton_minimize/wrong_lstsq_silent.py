"""Uses least squares, which never fails: a singular Hessian gives some step instead of a ValueError."""
import numpy as np


def newton_minimize(grad, hess, x0, n_steps=20):
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")
    x = np.array(x0, dtype=float)
    history = [x]
    for _ in range(n_steps):
        x = x - np.linalg.lstsq(hess(x), grad(x), rcond=None)[0]
        history.append(x)
    return x, history
