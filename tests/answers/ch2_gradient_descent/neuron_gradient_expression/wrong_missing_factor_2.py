"""Forgets the factor 2 of d(p - y)**2 / dp: returns (p - y) p (1 - p) x, half the gradient."""
import sympy as sp


def neuron_gradient_expression():
    w, x, b, y = sp.symbols("w x b y", real=True)

    p = 1 / (1 + sp.exp(-(w * x + b)))
    return (p - y) * p * (1 - p) * x
