"""Right: the shifted-data formula Var = E[(X-K)^2] - E[X-K]^2 with K = the first value; the shift removes
the large offset before squaring, so it is stable for a small spread. Returns NumPy float64s in a list."""
import numpy as np


def expectation_and_variance(values, probabilities):
    x = np.array(values, dtype=np.float64)
    p = np.array(probabilities, dtype=np.float64)
    if len(x) != len(p):
        raise ValueError("length mismatch between values and probabilities")
    if (p < 0).any():
        raise ValueError("negative probability")
    if not np.isclose(p.sum(), 1.0, rtol=0, atol=1e-8):
        raise ValueError("probabilities do not sum to 1")
    k = x[0]
    d = x - k
    m1 = p @ d
    m2 = p @ d ** 2
    return [k + m1, m2 - m1 ** 2]
