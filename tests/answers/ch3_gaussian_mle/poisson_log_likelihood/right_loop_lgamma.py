"""A plain loop over the counts with math.log and math.lgamma."""
import math


def poisson_log_likelihood(counts, lam):
    if not lam > 0:
        raise ValueError("the rate lam must be positive")
    total = 0.0
    for k in counts:
        if k < 0 or int(k) != k:
            raise ValueError(f"{k} is not a valid count")
        total += k * math.log(lam) - lam - math.lgamma(k + 1)
    return total
