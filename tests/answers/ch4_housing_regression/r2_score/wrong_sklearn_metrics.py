"""Wrong: checks its inputs as asked, then hands the score to sklearn.metrics.r2_score, which the exercise
bans (write it with NumPy)."""
import numpy as np
from sklearn.metrics import r2_score as sklearn_r2


def r2_score(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape or y_true.size == 0:
        raise ValueError("y_true and y_pred must be 1-D of the same non-zero length")
    if np.all(y_true == y_true[0]):
        raise ValueError("y_true is constant: R^2 undefined")
    return float(sklearn_r2(y_true, y_pred))
