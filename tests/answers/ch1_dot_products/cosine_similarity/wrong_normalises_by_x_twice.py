"""Divides by norm(x) squared instead of norm(x) * norm(y) (a copy-paste slip).

Wrong: right only when the two vectors have the same length.
"""
import numpy as np


def cosine_similarity(x, y):
    nx, ny = norm(x), norm(y)
    if nx == 0 or ny == 0:
        raise ValueError("zero vector")
    return float(np.clip(dot(x, y) / (nx * nx), -1.0, 1.0))
