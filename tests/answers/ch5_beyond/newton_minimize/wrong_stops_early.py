"""Stops as soon as the gradient is tiny, so history is shorter than n_steps + 1."""
import numpy as np


def newton_minimize(grad, hess, x0, n_steps=20):
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")
    x = np.array(x0, dtype=float)
    history = [x]
    for _ in range(n_steps):
        g = np.asarray(grad(x), dtype=float)
        if np.linalg.norm(g) < 1e-10:
            break
        try:
            x = x - np.linalg.solve(hess(x), g)
        except np.linalg.LinAlgError:
            raise ValueError("singular Hessian") from None
        history.append(x)
    return x, history
