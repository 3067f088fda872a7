"""The textbook formula dot / (norm * norm) without clipping.

Wrong: rounding can give 1.0000000000000002 for parallel vectors (or just below -1), outside [-1, 1].
"""
import numpy as np


def cosine_similarity(x, y):
    nx, ny = norm(x), norm(y)
    if nx == 0 or ny == 0:
        raise ValueError("zero vector")
    return float(dot(x, y) / (nx * ny))
