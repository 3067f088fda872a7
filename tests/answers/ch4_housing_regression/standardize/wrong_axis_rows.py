"""Wrong: statistics along axis=1 (each row) instead of axis=0 (each column)."""
import numpy as np


def standardize(X_train, X_test):
    X_train = np.array(X_train, dtype=float)
    X_test = np.array(X_test, dtype=float)
    if X_train.ndim != 2 or X_test.ndim != 2 or X_train.shape[0] == 0 or X_train.shape[1] != X_test.shape[1]:
        raise ValueError("X_train and X_test must be 2-D with the same columns, X_train not empty")
    mean = X_train.mean(axis=1, keepdims=True)
    std = X_train.std(axis=1, keepdims=True)
    std = np.where(std > 0, std, 1.0)
    return (X_train - mean) / std, (X_test - mean.mean()) / std.mean()
