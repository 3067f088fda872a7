"""The textbook triple loop over i, j and k in pure Python, filling a float array.

Right: sum_k A[i][k] * B[k][j] is the same entry as dot(row i, column j); no library product is used.
"""
import numpy as np


def matmul(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError(f"matmul needs 2-D inputs, got {A.ndim}-D and {B.ndim}-D")
    m, n = A.shape
    if B.shape[0] != n:
        raise ValueError(f"cannot multiply {A.shape} by {B.shape}: inner dimensions differ")
    p = B.shape[1]
    C = np.zeros((m, p))
    for i in range(m):
        for j in range(p):
            s = 0.0
            for k in range(n):
                s += A[i, k] * B[k, j]
            C[i, j] = s
    return C
