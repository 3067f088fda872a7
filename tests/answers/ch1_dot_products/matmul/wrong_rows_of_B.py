"""Takes dot products of rows of A with ROWS of B (that is, A times B transposed).

Wrong: entry [i, j] must use column j of B. For square inputs the shape is right but the numbers are not;
for rectangular inputs the shapes clash.
"""
import numpy as np


def matmul(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError("matmul expects 2-D matrices")
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    C = np.empty((A.shape[0], B.shape[0]))
    for i in range(A.shape[0]):
        for j in range(B.shape[0]):
            C[i, j] = dot(A[i, :], B[j, :])
    return C
