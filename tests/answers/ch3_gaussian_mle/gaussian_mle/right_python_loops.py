"""Right: two passes with pure-Python loops and exact sums (math.fsum), returned as a list of two floats."""
import math


def gaussian_mle(data):
    xs = [float(v) for v in data]
    n = len(xs)
    if n == 0:
        raise ValueError("data must not be empty")
    mu = math.fsum(xs) / n
    sigma = math.sqrt(math.fsum((v - mu) ** 2 for v in xs) / n)
    return [mu, sigma]
