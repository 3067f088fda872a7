"""Right: centre the features and the target, solve the penalised system for the slopes, then recover the
intercept from the means (what scikit-learn does; valid because X's first column is all ones)."""
import numpy as np


def fit_ridge(X, y, alpha):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    if X.ndim != 2 or X.shape[1] == 0 or y.shape != (X.shape[0],):
        raise ValueError("X must be 2-D with the intercept column and y 1-D with one entry per row")
    m, n = X.shape
    features = X[:, 1:]
    x_mean = features.mean(axis=0)
    y_mean = y.mean()
    Fc = features - x_mean
    yc = y - y_mean
    if alpha == 0:
        slopes = np.linalg.lstsq(Fc, yc, rcond=None)[0]
    else:
        slopes = np.linalg.solve(Fc.T @ Fc + alpha * np.eye(n - 1), Fc.T @ yc)
    return np.concatenate([[y_mean - x_mean @ slopes], slopes])
