"""Right: computes the gradient and cost inline and returns the history as a list of Python floats."""
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
    m, n = X.shape
    theta = np.zeros(n)
    residuals = y - X @ theta
    history = [float(residuals @ residuals / m)]
    for _ in range(n_iters):
        theta = theta + learning_rate * (2.0 / m) * (X.T @ residuals)
        residuals = y - X @ theta
        history.append(float(residuals @ residuals / m))
    return theta, history
