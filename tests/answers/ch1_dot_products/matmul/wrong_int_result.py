"""Allocates the result with the dtype of A, so integer inputs give an integer matrix.

Wrong: the contract asks for a float array whatever the input type.
"""
import numpy as np


def matmul(A, B):
    A = np.asarray(A)
    B = np.asarray(B)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError("matmul expects 2-D matrices")
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    C = np.zeros((A.shape[0], B.shape[1]), dtype=A.dtype)
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            C[i, j] = dot(A[i, :], B[:, j])
    return C
