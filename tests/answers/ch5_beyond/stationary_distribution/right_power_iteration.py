"""Power iteration p <- p P from the uniform distribution until it stops changing (lazy chain (P + I) / 2, so
it converges on periodic chains too)."""
import numpy as np


def stationary_distribution(P):

    P = np.array(P, dtype=float)
    if P.ndim != 2 or P.shape[0] != P.shape[1]:
        raise ValueError("P must be square")
    if (P < 0).any():
        raise ValueError("negative probability")
    if np.any(np.abs(P.sum(axis=1) - 1) > 1e-8):
        raise ValueError("rows must sum to 1")

    n = P.shape[0]
    lazy = 0.5 * (P + np.eye(n))
    p = np.full(n, 1.0 / n)
    for _ in range(200000):
        new = p @ lazy
        if np.max(np.abs(new - p)) < 1e-15:
            p = new
            break
        p = new
    return p / p.sum()
