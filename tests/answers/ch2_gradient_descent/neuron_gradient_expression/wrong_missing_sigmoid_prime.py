"""Skips the sigmoid's link of the chain: returns 2 (p - y) x, as for a linear neuron."""
import sympy as sp


def neuron_gradient_expression():
    w, x, b, y = sp.symbols("w x b y", real=True)

    p = 1 / (1 + sp.exp(-(w * x + b)))
    return 2 * (p - y) * x
