"""Wrong: written for a number with Python's max and abs; a list or an array raises (or gives nonsense)."""
import math


def soft_threshold(z, t):
    if t < 0:
        raise ValueError("t must be non-negative")
    return math.copysign(max(abs(z) - t, 0.0), z)
