"""Wrong: no length check, relying on NumPy to complain; a length-1 input broadcasts silently."""
import numpy as np


def expectation_and_variance(values, probabilities):
    x = np.asarray(values, dtype=float)
    p = np.asarray(probabilities, dtype=float)
    if np.any(p < 0):
        raise ValueError("negative probability")
    if abs(p.sum() - 1) > 1e-8:
        raise ValueError("probabilities do not sum to 1")
    mean = np.sum(p * x)
    return float(mean), float(np.sum(p * (x - mean) ** 2))
