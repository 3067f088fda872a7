"""Returns dot(x, x), forgetting the square root.

Wrong: that is the squared length; norm([3, 4]) gives 25.0 instead of 5.0.
"""
import numpy as np


def norm(x):
    return dot(x, x)
