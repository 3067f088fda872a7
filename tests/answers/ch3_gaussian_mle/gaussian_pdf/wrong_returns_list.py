"""Wrong: loops with math.exp and returns a Python list for array input (not a NumPy array of x's shape)."""
import math


def gaussian_pdf(x, mu=0.0, sigma=1.0):
    if sigma <= 0:
        raise ValueError("sigma must be positive")

    def one(t):
        return math.exp(-0.5 * ((t - mu) / sigma) ** 2) / (sigma * math.sqrt(2 * math.pi))

    if hasattr(x, "__len__"):
        return [one(float(t)) for t in x]
    return one(float(x))
