"""Wrong: takes only m // batch_size full batches, dropping the smaller last batch of every epoch."""
import numpy as np


def minibatch_sgd(X, y, batch_size=32, learning_rate=0.01, n_epochs=10, seed=0):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("shapes of X and y do not match")
    if batch_size < 1 or learning_rate <= 0 or n_epochs < 0:
        raise ValueError("invalid batch_size, learning_rate or n_epochs")
    m = len(y)
    rng = np.random.default_rng(seed)
    theta = np.zeros(X.shape[1])
    history = [mse_cost(X, y, theta)]
    for _ in range(n_epochs):
        order = rng.permutation(m)
        for k in range(m // batch_size):
            rows = order[k * batch_size:(k + 1) * batch_size]
            theta = theta - learning_rate * mse_gradient(X[rows], y[rows], theta)
        history.append(mse_cost(X, y, theta))
    return theta, np.array(history)
