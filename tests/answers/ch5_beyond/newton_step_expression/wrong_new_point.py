"""Returns the new point w - f'/f'' instead of the step."""
import sympy as sp


def newton_step_expression():
    w, a = sp.symbols("w a", real=True)

    f = sp.log(1 + sp.exp(w)) - a * w
    return w - sp.diff(f, w) / sp.diff(f, w, 2)
