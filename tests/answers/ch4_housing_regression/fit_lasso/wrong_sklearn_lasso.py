"""Wrong: scikit-learn's Lasso on the columns after the intercept, which the exercise does not allow."""
import numpy as np
from sklearn.linear_model import Lasso


def fit_lasso(X, y, alpha, n_iters=1000):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[1] < 1 or y.shape != (X.shape[0],):
        raise ValueError("X must be m x n (n >= 1) and y of length m")
    if alpha < 0:
        raise ValueError("alpha must be non-negative")
    model = Lasso(alpha=alpha, max_iter=max(n_iters, 1) * 100, tol=1e-12).fit(X[:, 1:], y)
    return np.concatenate([[model.intercept_], model.coef_])
