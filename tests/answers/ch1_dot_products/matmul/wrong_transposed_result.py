"""Fills C[j, i] instead of C[i, j], i.e. returns the transpose of the product, of shape p x m.

Wrong: correct only when the product happens to be symmetric.
"""
import numpy as np


def matmul(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError("matmul expects 2-D matrices")
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    m, p = A.shape[0], B.shape[1]
    C = np.zeros((p, m))
    for i in range(m):
        for j in range(p):
            C[j, i] = dot(A[i, :], B[:, j])
    return C
