"""Right: a while loop over the batch starts, the batch gradient written out with NumPy, the history preallocated."""
import numpy as np


def minibatch_sgd(X, y, batch_size=32, learning_rate=0.01, n_epochs=10, seed=0):
    X = np.array(X, dtype=float)
    y = np.array(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or len(y) != len(X):
        raise ValueError("X must be m x n and y of length m")
    if batch_size < 1 or learning_rate <= 0 or n_epochs < 0:
        raise ValueError("batch_size >= 1, learning_rate > 0 and n_epochs >= 0 are required")
    m = len(y)
    rng = np.random.default_rng(seed)
    theta = np.zeros(X.shape[1])
    history = np.empty(n_epochs + 1)
    history[0] = np.mean(y ** 2)
    for epoch in range(n_epochs):
        order = rng.permutation(m)
        start = 0
        while start < m:
            rows = order[start:start + batch_size]
            residual = y[rows] - X[rows] @ theta
            theta = theta + learning_rate * 2 * X[rows].T @ residual / len(rows)
            start += batch_size
        history[epoch + 1] = np.mean((y - X @ theta) ** 2)
    return theta, history
