"""Returns |cos theta|, treating opposite vectors as similar.

Wrong: cosine similarity is -1 for opposite directions, not 1.
"""
import numpy as np


def cosine_similarity(x, y):
    nx, ny = norm(x), norm(y)
    if nx == 0 or ny == 0:
        raise ValueError("zero vector")
    return float(min(1.0, abs(dot(x, y)) / (nx * ny)))
