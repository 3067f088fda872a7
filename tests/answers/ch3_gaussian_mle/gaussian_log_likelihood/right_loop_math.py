"""Right: a pure-Python loop adding the log-density of each point (math.log, math.fsum)."""
import math


def gaussian_log_likelihood(data, mu, sigma):
    if not sigma > 0:
        raise ValueError("sigma must be positive")
    const = -0.5 * math.log(2 * math.pi) - math.log(sigma)
    return math.fsum(const - (float(x) - mu) ** 2 / (2 * sigma ** 2) for x in data)
