"""Wrong: divides the probabilities by their sum instead of raising when they do not sum to 1, and does not
reject negative probabilities."""
import numpy as np


def expectation_and_variance(values, probabilities):
    x = np.asarray(values, dtype=float)
    p = np.asarray(probabilities, dtype=float)
    if x.shape != p.shape:
        raise ValueError("different lengths")
    p = p / p.sum()
    mean = np.sum(p * x)
    return float(mean), float(np.sum(p * (x - mean) ** 2))
