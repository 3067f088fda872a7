"""Wrong: returns the standard deviation instead of the variance."""
import numpy as np


def expectation_and_variance(values, probabilities):
    x = np.asarray(values, dtype=float)
    p = np.asarray(probabilities, dtype=float)
    if x.shape != p.shape:
        raise ValueError("different lengths")
    if np.any(p < 0):
        raise ValueError("negative probability")
    if abs(p.sum() - 1) > 1e-8:
        raise ValueError("probabilities do not sum to 1")
    mean = np.sum(p * x)
    return float(mean), float(np.sqrt(np.sum(p * (x - mean) ** 2)))
