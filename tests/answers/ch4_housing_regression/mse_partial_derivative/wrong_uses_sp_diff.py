"""Wrong: lets SymPy differentiate (sp.diff), which this exercise asks to do by hand."""
import sympy as sp


def mse_partial_derivative():
    theta0, theta1 = sp.symbols("theta0 theta1", real=True)
    x1, x2, x3, y1, y2, y3 = sp.symbols("x1 x2 x3 y1 y2 y3", real=True)

    J = ((y1 - theta0 - theta1 * x1) ** 2 + (y2 - theta0 - theta1 * x2) ** 2 + (y3 - theta0 - theta1 * x3) ** 2) / 3
    return sp.diff(J, theta1)
