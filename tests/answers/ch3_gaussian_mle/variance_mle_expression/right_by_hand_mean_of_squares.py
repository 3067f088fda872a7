"""Written by hand in the expanded form: the mean of the squares minus the square of the mean."""
import sympy as sp


def variance_mle_expression():
    x1, x2, x3 = sp.symbols("x1 x2 x3", real=True)
    mu = sp.Symbol("mu", real=True)
    v = sp.Symbol("v", positive=True)
    return (x1 ** 2 + x2 ** 2 + x3 ** 2) / 3 - ((x1 + x2 + x3) / 3) ** 2
