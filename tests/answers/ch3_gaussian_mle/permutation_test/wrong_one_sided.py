"""One-sided: compares the signed difference mean(a') - mean(b') with the signed observed difference."""
import numpy as np


def permutation_test(a, b, n_permutations=9999, seed=0):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.size == 0 or b.size == 0:
        raise ValueError("both samples need at least one value")
    if n_permutations < 1:
        raise ValueError("n_permutations must be >= 1")
    observed = a.mean() - b.mean()
    pooled = np.concatenate([a, b])
    rng = np.random.default_rng(seed)
    count = 0
    for _ in range(n_permutations):
        shuffled = rng.permutation(pooled)
        if shuffled[:a.size].mean() - shuffled[a.size:].mean() >= observed:
            count += 1
    return (1 + count) / (1 + n_permutations)
