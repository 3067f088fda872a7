"""Wrong: checks sum(p) == 1 exactly, so [0.1] * 10 (float sum 0.9999999999999999) is rejected."""
import numpy as np


def expectation_and_variance(values, probabilities):
    x = np.asarray(values, dtype=float)
    p = np.asarray(probabilities, dtype=float)
    if x.shape != p.shape:
        raise ValueError("different lengths")
    if np.any(p < 0):
        raise ValueError("negative probability")
    if sum(probabilities) != 1:
        raise ValueError("probabilities do not sum to 1")
    mean = np.sum(p * x)
    return float(mean), float(np.sum(p * (x - mean) ** 2))
