"""The chain rule written out by hand: dL/dp = 2 (p - y), dp/dz = p (1 - p), dz/dw = x."""
import sympy as sp


def neuron_gradient_expression():
    w, x, b, y = sp.symbols("w x b y", real=True)

    p = 1 / (1 + sp.exp(-(w * x + b)))
    return 2 * (p - y) * p * (1 - p) * x
