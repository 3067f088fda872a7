"""Wrong: decides that y_true is constant by SS_tot < 1e-10, an absolute tolerance: targets on a small scale
(values around 1e-6 that do differ) are rejected although their R^2 is well defined."""
import numpy as np


def r2_score(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape or y_true.size == 0:
        raise ValueError("y_true and y_pred must be 1-D of the same non-zero length")
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - y_true.mean()) ** 2)
    if ss_tot < 1e-10:
        raise ValueError("y_true is constant: R^2 undefined")
    return float(1 - ss_res / ss_tot)
