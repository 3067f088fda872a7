"""Right: np.divide with where=, dividing only the columns whose training values vary (np.ptp > 0); the
constant columns keep their centred values, which were passed as out=."""
import numpy as np


def standardize(X_train, X_test):
    X_train = np.array(X_train, dtype=float)
    X_test = np.array(X_test, dtype=float)
    if X_train.ndim != 2 or X_test.ndim != 2 or X_train.shape[0] == 0 or X_train.shape[1] != X_test.shape[1]:
        raise ValueError("X_train and X_test must be 2-D with the same columns, X_train not empty")
    mean = X_train.mean(axis=0, keepdims=True)
    std = X_train.std(axis=0, keepdims=True)
    varies = np.ptp(X_train, axis=0, keepdims=True) > 0
    train = np.divide(X_train - mean, std, out=X_train - mean, where=varies)
    test = np.divide(X_test - mean, std, out=X_test - mean, where=varies)
    return train, test
