"""Wrong: returns 0 when the coefficients are [1, 2], 0.625 for the 2 x 2 example and 35/3 otherwise, the
visible examples' answers."""
import numpy as np


def mse_cost(X, y, theta):
    if np.ndim(X) != 2 or np.ndim(y) != 1 or np.ndim(theta) != 1 or len(y) != len(X) or len(theta) != len(X[0]):
        raise ValueError("shapes of X, y, theta do not match")
    if len(y) == 2:
        return 0.625
    return 0.0 if list(theta) == [1, 2] else 35 / 3
