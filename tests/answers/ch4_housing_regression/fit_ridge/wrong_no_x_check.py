"""Wrong: checks alpha and y but not X: a design matrix without columns is not refused with ValueError."""
import numpy as np


def fit_ridge(X, y, alpha):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    if y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError("y must be 1-D with one entry per row of X")
    n = X.shape[1]
    X_aug = np.vstack([X, np.sqrt(alpha) * np.eye(n)[1:]])
    y_aug = np.concatenate([y, np.zeros(max(n - 1, 0))])
    return np.linalg.lstsq(X_aug, y_aug, rcond=None)[0]
