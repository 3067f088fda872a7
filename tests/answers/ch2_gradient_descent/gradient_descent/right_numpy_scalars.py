"""One code path for numbers and arrays: works with np.asarray(..., float) copies and, for a number x0,
stores NumPy float64 scalars (a float subclass) in the history."""
import numpy as np


def gradient_descent(grad, x0, learning_rate=0.1, n_steps=50):
    if learning_rate <= 0:
        raise ValueError(f"learning_rate={learning_rate} is not positive")
    if n_steps < 0:
        raise ValueError(f"n_steps={n_steps} is negative")
    is_number = np.ndim(x0) == 0
    current = np.array(x0, dtype=float)
    history = []
    for k in range(n_steps + 1):
        history.append(np.float64(current) if is_number else current)
        if k < n_steps:
            current = current - learning_rate * np.asarray(grad(history[-1]), dtype=float)
    return history[-1], history
