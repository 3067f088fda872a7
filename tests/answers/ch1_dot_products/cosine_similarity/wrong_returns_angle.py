"""Returns the angle arccos(cos theta) in radians instead of the cosine.

Wrong: the exercise asks for the cosine itself (1 for parallel vectors, not 0).
"""
import numpy as np


def cosine_similarity(x, y):
    nx, ny = norm(x), norm(y)
    if nx == 0 or ny == 0:
        raise ValueError("zero vector")
    return float(np.arccos(np.clip(dot(x, y) / (nx * ny), -1.0, 1.0)))
