"""Wrong: writes its own gradient (1/m) X^T (X theta - y) without the 2, i.e. takes half-size steps."""
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
    history = [np.mean((y - X @ theta) ** 2)]
    for _ in range(n_iters):
        theta = theta - learning_rate * (X.T @ (X @ theta - y)) / m
        history.append(np.mean((y - X @ theta) ** 2))
    return theta, history
