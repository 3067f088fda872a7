"""Wrong: forgets the inner derivative x_i altogether (that is dJ/dtheta0)."""
import sympy as sp


def mse_partial_derivative():
    theta0, theta1 = sp.symbols("theta0 theta1", real=True)
    x1, x2, x3, y1, y2, y3 = sp.symbols("x1 x2 x3 y1 y2 y3", real=True)

    return -sp.Rational(2, 3) * ((y1 - theta0 - theta1 * x1) + (y2 - theta0 - theta1 * x2) + (y3 - theta0 - theta1 * x3))
