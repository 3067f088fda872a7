"""Checks the shapes properly, then returns A @ B.

Wrong: the exercise asks for the product built from your own dot; `@` is banned (a test reads the source).
"""
import numpy as np


def matmul(A, B):
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2:
        raise ValueError("matmul expects 2-D matrices")
    if A.shape[1] != B.shape[0]:
        raise ValueError("inner dimensions differ")
    return A @ B
