"""Sums the products over zip(x, y) without checking the lengths.

Wrong: zip silently stops at the shorter vector, so vectors of different lengths give a number instead of
a ValueError, and 2-D input is never rejected.
"""
import numpy as np


def dot(x, y):
    total = 0.0
    for a, b in zip(x, y):
        total += a * b
    return float(total)
