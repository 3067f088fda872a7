"""Stable branches with math.exp: right for numbers, but math.exp does not accept arrays or lists."""
import math


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
