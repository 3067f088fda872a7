"""The same step multiplied out in exponentials: (a (1 + e^w) - e^w)(1 + e^w) / e^w, no simplify."""
import sympy as sp


def newton_step_expression():
    w, a = sp.symbols("w a", real=True)

    e = sp.exp(w)
    return (a * (1 + e) - e) * (1 + e) / e
