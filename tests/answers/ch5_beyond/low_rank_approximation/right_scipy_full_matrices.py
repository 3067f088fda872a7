"""Uses scipy.linalg.svd with full matrices and np.diag, slicing to the k leading parts."""
import numpy as np
import scipy.linalg


def low_rank_approximation(X, k):
    A = np.array(X, dtype=float)
    if A.ndim != 2 or not (1 <= k <= min(A.shape)):
        raise ValueError("need a 2-D X and 1 <= k <= min(m, n)")
    U, s, Vt = scipy.linalg.svd(A, full_matrices=True)
    return U[:, :k] @ np.diag(s[:k]) @ Vt[:k, :]
