"""scikit-learn's PCA, which the prompt forbids ("not scikit-learn"): its components_ are the rows asked for
and its explained_variance_ divides by m - 1, so every value is right; only a test that reads the source
catches it."""
import numpy as np
from sklearn.decomposition import PCA


def principal_components(X, k):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError("X must be 2-D with at least two rows")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= X.shape[1]:
        raise ValueError("k must be between 1 and the number of features")
    model = PCA(n_components=k, svd_solver="full").fit(X)
    return model.components_.copy(), model.explained_variance_.copy()
