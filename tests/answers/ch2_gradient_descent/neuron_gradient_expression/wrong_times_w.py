"""Takes dz/dw to be w instead of x: returns 2 (p - y) p (1 - p) w."""
import sympy as sp


def neuron_gradient_expression():
    w, x, b, y = sp.symbols("w x b y", real=True)

    p = 1 / (1 + sp.exp(-(w * x + b)))
    return 2 * (p - y) * p * (1 - p) * w
