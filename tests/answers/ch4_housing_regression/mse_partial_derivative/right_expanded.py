"""Right: the chain rule written out term by term and expanded into a polynomial."""
import sympy as sp


def mse_partial_derivative():
    theta0, theta1 = sp.symbols("theta0 theta1", real=True)
    x1, x2, x3, y1, y2, y3 = sp.symbols("x1 x2 x3 y1 y2 y3", real=True)

    total = 0
    for x, y in [(x1, y1), (x2, y2), (x3, y3)]:
        total += 2 * (y - theta0 - theta1 * x) * (-x)
    return sp.expand(total / 3)
