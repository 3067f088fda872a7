"""Right: pure-Python loops with exactly rounded sums (math.fsum), two-pass variance, explicit checks;
returns a tuple of Python floats."""
import math


def expectation_and_variance(values, probabilities):
    values = [float(v) for v in values]
    probabilities = [float(p) for p in probabilities]
    if len(values) != len(probabilities):
        raise ValueError("values and probabilities must have the same length")
    for p in probabilities:
        if p < 0:
            raise ValueError("a probability is negative")
    if abs(math.fsum(probabilities) - 1.0) > 1e-8:
        raise ValueError("the probabilities must sum to 1")
    mean = math.fsum(p * v for v, p in zip(values, probabilities))
    var = math.fsum(p * (v - mean) ** 2 for v, p in zip(values, probabilities))
    return (mean, var)
