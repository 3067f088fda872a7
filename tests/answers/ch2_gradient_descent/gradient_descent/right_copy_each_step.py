"""Updates one working array in place but appends a copy of it at every step (and starts from a float copy of
x0), so no two history entries share memory; numbers are handled with plain floats."""
import numpy as np


def gradient_descent(grad, x0, learning_rate=0.1, n_steps=50):
    if not learning_rate > 0:
        raise ValueError("the learning rate has to be > 0")
    if n_steps < 0:
        raise ValueError("the number of steps cannot be negative")
    if np.isscalar(x0) or np.ndim(x0) == 0:
        x = float(x0)
        history = [x]
        for _ in range(n_steps):
            x = float(x - learning_rate * grad(x))
            history.append(x)
        return x, history
    work = np.array(x0, dtype=float)
    history = [work.copy()]
    for _ in range(n_steps):
        work -= learning_rate * np.asarray(grad(work), dtype=float)
        history.append(work.copy())
    return history[-1], history
