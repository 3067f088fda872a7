"""A nested list comprehension over rows of A and rows of B.T (the columns of B), converted to a float array.

Right: the same dot products; np.array(..., dtype=float) of the comprehension has shape (m, p) because
m and p are at least 1 in the contract.
"""
import numpy as np


def matmul(A, B):
    A = np.array(A, dtype=float)
    B = np.array(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError("both inputs must be 2-D matrices")
    if A.shape[1] != B.shape[0]:
        raise ValueError(f"inner dimensions differ: {A.shape[1]} columns vs {B.shape[0]} rows")
    return np.array([[dot(row, column) for column in B.T] for row in A], dtype=float)
