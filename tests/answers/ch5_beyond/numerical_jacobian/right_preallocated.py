"""Evaluates f once at x to learn m, then fills a preallocated m x n array column by column."""
import numpy as np


def numerical_jacobian(f, x, h=1e-5):
    x = np.array(x, dtype=float)
    m = np.size(f(x))
    J = np.empty((m, x.size))
    for j in range(x.size):
        plus, minus = x.copy(), x.copy()
        plus[j] += h
        minus[j] -= h
        J[:, j] = (np.ravel(f(plus)) - np.ravel(f(minus))) / (2 * h)
    return J
