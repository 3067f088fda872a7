"""Pools the samples with a + b: lists are concatenated, but NumPy arrays are added element by element."""
import numpy as np


def permutation_test(a, b, n_permutations=9999, seed=0):
    if len(a) == 0 or len(b) == 0:
        raise ValueError("both samples need at least one value")
    if n_permutations < 1:
        raise ValueError("n_permutations must be >= 1")
    observed = abs(np.mean(a) - np.mean(b))
    pooled = np.asarray(a + b, dtype=float)
    rng = np.random.default_rng(seed)
    count = 0
    for _ in range(n_permutations):
        shuffled = rng.permutation(pooled)
        if abs(shuffled[:len(a)].mean() - shuffled[len(a):].mean()) >= observed:
            count += 1
    return (1 + count) / (1 + n_permutations)
