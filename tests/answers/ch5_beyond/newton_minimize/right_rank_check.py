"""Checks the Hessian's rank explicitly before np.linalg.solve, updating a working array and appending copies."""
import numpy as np


def newton_minimize(grad, hess, x0, n_steps=20):
    if n_steps < 0:
        raise ValueError("negative n_steps")
    work = np.asarray(x0, dtype=float).copy()
    history = [work.copy()]
    for _ in range(n_steps):
        H = np.asarray(hess(work), dtype=float)
        if np.linalg.matrix_rank(H) < H.shape[0]:
            raise ValueError("the Hessian is singular")
        work -= np.linalg.solve(H, np.asarray(grad(work), dtype=float))
        history.append(work.copy())
    return history[-1], history
