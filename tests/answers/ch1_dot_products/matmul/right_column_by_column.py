"""Builds the product one column at a time (column j of AB is A times column j of B), then stacks them.

Right: each entry is still dot(row i of A, column j of B); np.column_stack gives the (m, p) float array.
"""
import numpy as np


def matmul(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError("matmul expects two 2-D arrays")
    if A.shape[1] != B.shape[0]:
        raise ValueError("the number of columns of A must equal the number of rows of B")
    columns = []
    for j in range(B.shape[1]):
        columns.append(np.array([dot(A[i], B[:, j]) for i in range(A.shape[0])]))
    return np.column_stack(columns)
