"""Written by hand with the sigmoid: f' = sigma(w) - a, f'' = sigma(w)(1 - sigma(w)), step -f'/f''."""
import sympy as sp


def newton_step_expression():
    w, a = sp.symbols("w a", real=True)

    sigma = 1 / (1 + sp.exp(-w))
    return (a - sigma) / (sigma * (1 - sigma))
