"""-2 f'/f'': an extra factor 2 from the 1/2 of the Taylor model."""
import sympy as sp


def newton_step_expression():
    w, a = sp.symbols("w a", real=True)

    f = sp.log(1 + sp.exp(w)) - a * w
    return -2 * sp.diff(f, w) / sp.diff(f, w, 2)
