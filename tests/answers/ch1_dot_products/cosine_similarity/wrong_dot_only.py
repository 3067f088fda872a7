"""Returns the dot product, clipped to [-1, 1], forgetting to divide by the lengths.

Wrong: only unit vectors give the cosine this way.
"""
import numpy as np


def cosine_similarity(x, y):
    if norm(x) == 0 or norm(y) == 0:
        raise ValueError("zero vector")
    return float(np.clip(dot(x, y), -1.0, 1.0))
