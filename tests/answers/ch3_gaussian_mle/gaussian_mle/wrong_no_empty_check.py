"""Wrong: no check for empty data; NumPy returns (nan, nan) with a warning instead of raising ValueError."""
import numpy as np


def gaussian_mle(data):
    x = np.asarray(data, dtype=float)
    with np.errstate(invalid="ignore"):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mu = x.mean()
            return float(mu), float(np.sqrt(np.mean((x - mu) ** 2)))
