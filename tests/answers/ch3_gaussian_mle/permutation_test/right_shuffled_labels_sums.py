"""Shuffles a label array in place with rng.shuffle and works with sums (the pooled total is fixed)."""
import numpy as np


def permutation_test(a, b, n_permutations=9999, seed=0):
    if n_permutations < 1:
        raise ValueError("need at least one permutation")
    x = np.concatenate([np.asarray(a, dtype=float).ravel(), np.asarray(b, dtype=float).ravel()])
    n_a = len(a)
    n_b = x.size - n_a
    if n_a < 1 or n_b < 1:
        raise ValueError("a and b must each be non-empty")
    total = x.sum()
    labels = np.arange(x.size) < n_a
    observed = abs(x[labels].sum() / n_a - x[~labels].sum() / n_b)
    rng = np.random.default_rng(seed)
    extreme = 0
    for _ in range(n_permutations):
        rng.shuffle(labels)
        sum_a = x[labels].sum()
        extreme += abs(sum_a / n_a - (total - sum_a) / n_b) >= observed
    return float((1 + extreme) / (1 + n_permutations))
