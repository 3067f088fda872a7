"""Solves with scipy.linalg.solve (which raises LinAlgError on a singular matrix) and copies each iterate."""
import numpy as np
import scipy.linalg


def newton_minimize(grad, hess, x0, n_steps=20):
    if n_steps < 0:
        raise ValueError("n_steps cannot be negative")
    x = np.array(x0, dtype=float)
    history = [x.copy()]
    for _ in range(n_steps):
        try:
            d = scipy.linalg.solve(np.asarray(hess(x), dtype=float), np.asarray(grad(x), dtype=float))
        except (np.linalg.LinAlgError, scipy.linalg.LinAlgError):
            raise ValueError("singular Hessian") from None
        x = x - d
        history.append(x.copy())
    return history[-1], history
