"""Correct components, but never checks k: slicing quietly returns fewer or odd results.

Wrong: k = 0 gives empty arrays, k = -1 drops the last component, k > n returns all n; all should raise
ValueError.
"""
import numpy as np


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    order = np.argsort(values)[::-1][:k]
    return vectors[:, order].T, values[order]
