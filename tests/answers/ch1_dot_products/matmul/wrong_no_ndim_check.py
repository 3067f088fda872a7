"""Reads the shapes straight from A.shape and B.shape without checking that both are 2-D.

Wrong: a 1-D or scalar input fails with IndexError or ValueError depending on luck, not with a clear
ValueError; a 1-D B raises IndexError.
"""
import numpy as np


def matmul(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    m, p = A.shape[0], B.shape[1]
    C = np.zeros((m, p))
    for i in range(m):
        for j in range(p):
            C[i, j] = dot(A[i], B[:, j])
    return C
