"""Right: plain Python loops over the values (NumPy only to check the dimension)."""
import numpy as np


def r2_score(y_true, y_pred):
    if np.ndim(y_true) != 1 or np.ndim(y_pred) != 1:
        raise ValueError("y_true and y_pred must be 1-D")
    y_true = [float(v) for v in y_true]
    y_pred = [float(v) for v in y_pred]
    if len(y_true) != len(y_pred):
        raise ValueError("y_true and y_pred differ in length")
    if len(y_true) == 0:
        raise ValueError("empty input")
    if all(v == y_true[0] for v in y_true):
        raise ValueError("y_true is constant")
    mean = sum(y_true) / len(y_true)
    ss_res = sum((t - p) ** 2 for t, p in zip(y_true, y_pred, strict=True))
    ss_tot = sum((t - mean) ** 2 for t in y_true)
    return 1.0 - ss_res / ss_tot
