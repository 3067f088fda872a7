"""Wrong: a pure-Python loop over zip(values, probabilities) with no length check; zip silently drops the
unmatched entries."""
import math


def expectation_and_variance(values, probabilities):
    probabilities = [float(p) for p in probabilities]
    if any(p < 0 for p in probabilities):
        raise ValueError("negative probability")
    if abs(math.fsum(probabilities) - 1) > 1e-8:
        raise ValueError("probabilities do not sum to 1")
    mean = math.fsum(p * v for v, p in zip(values, probabilities))
    var = math.fsum(p * (v - mean) ** 2 for v, p in zip(values, probabilities))
    return mean, var
