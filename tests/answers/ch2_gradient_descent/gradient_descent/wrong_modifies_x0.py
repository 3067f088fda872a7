"""Uses x0 itself as the working array (np.asarray makes no copy of a float array) and updates it in place,
appending copies: the history is right, but the caller's x0 is overwritten with the final iterate."""
import numpy as np


def gradient_descent(grad, x0, learning_rate=0.1, n_steps=50):
    if learning_rate <= 0:
        raise ValueError("learning_rate must be positive")
    if n_steps < 0:
        raise ValueError("n_steps must be >= 0")
    if np.ndim(x0) == 0:
        x = float(x0)
        history = [x]
        for _ in range(n_steps):
            x = x - learning_rate * grad(x)
            history.append(x)
        return x, history
    x = np.asarray(x0, dtype=float)
    history = [x.copy()]
    for _ in range(n_steps):
        x -= learning_rate * grad(x)
        history.append(x.copy())
    return x, history
