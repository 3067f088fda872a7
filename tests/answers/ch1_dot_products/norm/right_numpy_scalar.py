"""np.sqrt of the student's dot, returned as a NumPy float64 without conversion.

Right: a NumPy float64 counts as a float.
"""
import numpy as np


def norm(x):
    return np.sqrt(np.float64(dot(x, x)))
