"""Right: a while loop filling a preallocated history array; theta updated in place on its own array."""
# mse_cost and mse_gradient are defined by earlier cells of the notebook.
# ruff: noqa: F821
import numpy as np


def fit_gradient_descent(X, y, learning_rate=0.01, n_iters=1000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if learning_rate <= 0:
        raise ValueError("learning_rate must be positive")
    if n_iters < 0:
        raise ValueError("n_iters must be >= 0")
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("X must be 2-D and y 1-D with one entry per row")
    theta = np.zeros(X.shape[1])
    history = np.empty(n_iters + 1)
    history[0] = mse_cost(X, y, theta)
    k = 0
    while k < n_iters:
        theta -= learning_rate * mse_gradient(X, y, theta)
        k += 1
        history[k] = mse_cost(X, y, theta)
    return theta, history
