"""The loop of the lesson: one generator, rng.permutation of the pooled values on each pass, >= on |difference|."""
import numpy as np


def permutation_test(a, b, n_permutations=9999, seed=0):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if len(a) == 0 or len(b) == 0:
        raise ValueError("both samples need at least one value")
    if n_permutations < 1:
        raise ValueError("n_permutations must be >= 1")
    observed = abs(a.mean() - b.mean())
    pooled = np.concatenate([a, b])
    rng = np.random.default_rng(seed)
    count = 0
    for _ in range(n_permutations):
        shuffled = rng.permutation(pooled)
        if abs(shuffled[:len(a)].mean() - shuffled[len(a):].mean()) >= observed:
            count += 1
    return (count + 1) / (n_permutations + 1)
