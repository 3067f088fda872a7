"""Solves dl/dv = 0 but never substitutes the MLE of the mean: the answer still holds mu."""
import sympy as sp


def variance_mle_expression():
    x1, x2, x3 = sp.symbols("x1 x2 x3", real=True)
    mu = sp.Symbol("mu", real=True)
    v = sp.Symbol("v", positive=True)
    log_lik = sum(-sp.log(2 * sp.pi * v) / 2 - (x - mu) ** 2 / (2 * v) for x in (x1, x2, x3))
    return sp.solve(sp.diff(log_lik, v), v)[0]
