"""Lets SymPy differentiate the loss written with the sigmoid: sp.diff((sigma(w x + b) - y)**2, w), unsimplified."""
import sympy as sp


def neuron_gradient_expression():
    w, x, b, y = sp.symbols("w x b y", real=True)

    loss = (1 / (1 + sp.exp(-(w * x + b))) - y) ** 2
    return sp.diff(loss, w)
