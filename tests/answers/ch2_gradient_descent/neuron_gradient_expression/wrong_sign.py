"""Differentiates (y - p)**2 as 2 (y - p) p (1 - p) x, forgetting the inner minus sign: the negative gradient."""
import sympy as sp


def neuron_gradient_expression():
    w, x, b, y = sp.symbols("w x b y", real=True)

    p = 1 / (1 + sp.exp(-(w * x + b)))
    return 2 * (y - p) * p * (1 - p) * x
