"""Wrong: no check of learning_rate (a zero or negative step is silently accepted)."""
# mse_cost and mse_gradient are defined by earlier cells of the notebook.
# ruff: noqa: F821
import numpy as np


def fit_gradient_descent(X, y, learning_rate=0.01, n_iters=1000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if n_iters < 0:
        raise ValueError("n_iters must be >= 0")
    theta = np.zeros(X.shape[1])
    history = [mse_cost(X, y, theta)]
    for _ in range(n_iters):
        theta = theta - learning_rate * mse_gradient(X, y, theta)
        history.append(mse_cost(X, y, theta))
    return theta, np.array(history)
