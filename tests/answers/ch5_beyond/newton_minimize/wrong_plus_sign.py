"""x + solve(H, g): steps towards a maximum."""
import numpy as np


def newton_minimize(grad, hess, x0, n_steps=20):
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")
    x = np.array(x0, dtype=float)
    history = [x]
    for _ in range(n_steps):
        try:
            x = x + np.linalg.solve(hess(x), grad(x))
        except np.linalg.LinAlgError:
            raise ValueError("singular Hessian") from None
        history.append(x)
    return x, history
