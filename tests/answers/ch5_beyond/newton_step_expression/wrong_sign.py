"""+f'/f'': the step has the wrong sign (it climbs)."""
import sympy as sp


def newton_step_expression():
    w, a = sp.symbols("w a", real=True)

    f = sp.log(1 + sp.exp(w)) - a * w
    return sp.diff(f, w) / sp.diff(f, w, 2)
