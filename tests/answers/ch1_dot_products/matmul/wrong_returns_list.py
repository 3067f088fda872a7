"""A list comprehension of dot products, returned as a nested Python list.

Wrong: the contract asks for a NumPy float array; a list of lists has no shape or dtype.
"""
import numpy as np


def matmul(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError("matmul expects 2-D matrices")
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    return [[dot(row, col) for col in B.T] for row in A]
