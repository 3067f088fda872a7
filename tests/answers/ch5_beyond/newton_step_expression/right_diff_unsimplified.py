"""sp.diff for both derivatives, left unsimplified, with its own plain symbols."""
import sympy as sp


def newton_step_expression():
    w, a = sp.symbols("w a")
    f = sp.log(1 + sp.exp(w)) - a * w
    first = sp.diff(f, w)
    second = sp.diff(first, w)
    return -first / second
