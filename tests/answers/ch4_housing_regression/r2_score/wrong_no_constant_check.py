"""Wrong: no check for a constant y_true: divides by SS_tot = 0 and returns -inf or nan."""
import numpy as np


def r2_score(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape or y_true.size == 0:
        raise ValueError("y_true and y_pred must be 1-D of the same non-zero length")
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(1 - np.sum((y_true - y_pred) ** 2) / np.sum((y_true - y_true.mean()) ** 2))
