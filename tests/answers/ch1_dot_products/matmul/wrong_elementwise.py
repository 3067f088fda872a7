"""Multiplies the two matrices entry by entry (the Hadamard product), as `*` does for arrays.

Wrong: the matrix product combines rows of A with columns of B; `A * B` only works for equal shapes and
gives different numbers.
"""
import numpy as np


def matmul(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError("matmul expects 2-D matrices")
    if A.shape != B.shape:
        raise ValueError("shapes differ")
    return A * B
