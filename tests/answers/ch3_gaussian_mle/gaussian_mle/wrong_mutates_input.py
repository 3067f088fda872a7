"""Wrong: centres the data in place (x -= mean), which modifies the caller's float array."""
import numpy as np


def gaussian_mle(data):
    x = np.asarray(data, dtype=float)      # no copy when data is already a float array
    if x.size == 0:
        raise ValueError("empty data")
    mu = x.mean()
    x -= mu
    return float(mu), float(np.sqrt(np.mean(x * x)))
