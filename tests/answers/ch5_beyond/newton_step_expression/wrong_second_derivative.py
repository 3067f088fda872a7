"""By hand with a wrong second derivative: f'' taken as sigma(w)^2 instead of sigma(w)(1 - sigma(w))."""
import sympy as sp


def newton_step_expression():
    w, a = sp.symbols("w a", real=True)

    sigma = sp.exp(w) / (1 + sp.exp(w))
    return -(sigma - a) / sigma**2
