"""Wrong: decides that a training column is constant by np.isclose(std, 0), whose absolute tolerance 1e-8
treats a column measured on a small scale (values around 1e-9 that do differ) as constant and only centres it."""
import numpy as np


def standardize(X_train, X_test):
    X_train = np.array(X_train, dtype=float)
    X_test = np.array(X_test, dtype=float)
    if X_train.ndim != 2 or X_test.ndim != 2 or X_train.shape[0] == 0 or X_train.shape[1] != X_test.shape[1]:
        raise ValueError("X_train and X_test must be 2-D with the same columns, X_train not empty")
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std = np.where(np.isclose(std, 0.0), 1.0, std)
    return (X_train - mean) / std, (X_test - mean) / std
