"""Right: each epoch shuffles copies of X and y with one permutation and slices them; returns a list history."""
import numpy as np


def minibatch_sgd(X, y, batch_size=32, learning_rate=0.01, n_epochs=10, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("shapes of X and y do not match")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if learning_rate <= 0:
        raise ValueError("learning_rate must be positive")
    if n_epochs < 0:
        raise ValueError("n_epochs must be non-negative")
    rng = np.random.default_rng(seed)
    theta = np.zeros(X.shape[1])
    history = [mse_cost(X, y, theta)]
    for _ in range(n_epochs):
        perm = rng.permutation(len(y))
        X_shuffled, y_shuffled = X[perm], y[perm]
        for i in range(0, len(y), batch_size):
            theta = theta - learning_rate * mse_gradient(X_shuffled[i:i + batch_size], y_shuffled[i:i + batch_size], theta)
        history.append(mse_cost(X, y, theta))
    return theta, history
