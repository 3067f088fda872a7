"""Divides the sum of squared deviations by n - 1 = 2 (the unbiased estimate, not the MLE)."""
import sympy as sp


def variance_mle_expression():
    x1, x2, x3 = sp.symbols("x1 x2 x3", real=True)
    mu = sp.Symbol("mu", real=True)
    v = sp.Symbol("v", positive=True)
    m = (x1 + x2 + x3) / 3
    return ((x1 - m) ** 2 + (x2 - m) ** 2 + (x3 - m) ** 2) / 2
