"""Wrong: recognises the visible examples (perfect, constant, one-off, tiny scale) and returns their answers."""
import numpy as np


def r2_score(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape or y_true.size == 0:
        raise ValueError("y_true and y_pred must be 1-D of the same non-zero length")
    if np.all(y_true == y_true[0]):
        raise ValueError("y_true is constant")
    if np.array_equal(y_true, y_pred):
        return 1.0
    if np.all(y_pred == y_pred[0]):
        return 0.0
    if np.max(np.abs(y_true)) < 1e-6:
        return 0.99
    return 0.8
