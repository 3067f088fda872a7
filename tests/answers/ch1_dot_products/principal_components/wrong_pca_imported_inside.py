"""The same ban broken more quietly: `import sklearn.decomposition` inside the function and the class reached
as an attribute."""
import numpy as np


def principal_components(X, k):
    import sklearn.decomposition

    X = np.asarray(X, dtype=float)
    if not 1 <= k <= X.shape[1]:
        raise ValueError("k must be between 1 and the number of features")
    model = sklearn.decomposition.PCA(n_components=k, svd_solver="full").fit(X)
    return model.components_.copy(), model.explained_variance_.copy()
