"""Wrong: the gradient of the squared error of the probabilities, (2/m) X.T ((p - y) p (1 - p)), not of the
cross-entropy."""
import numpy as np


def fit_logistic_regression(X, y, learning_rate=0.1, n_iters=1000):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if learning_rate <= 0 or n_iters < 0:
        raise ValueError("learning_rate must be positive and n_iters non-negative")
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("X must be m x n and y of length m")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0 or 1")
    theta = np.zeros(X.shape[1])
    history = [cross_entropy_loss(X, y, theta)]
    for _ in range(n_iters):
        p = np.exp(-np.logaddexp(0, -(X @ theta)))
        theta = theta - learning_rate * 2 / len(y) * X.T @ ((p - y) * p * (1 - p))
        history.append(cross_entropy_loss(X, y, theta))
    return theta, np.array(history)
