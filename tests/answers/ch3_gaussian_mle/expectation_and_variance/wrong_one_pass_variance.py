"""Wrong: Var = E[X^2] - E[X]^2, which loses all digits to catastrophic cancellation for values with a large
offset and a small spread."""
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
    return float(mean), float(np.sum(p * x ** 2) - mean ** 2)
