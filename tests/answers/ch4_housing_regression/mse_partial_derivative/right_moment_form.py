"""Right: the normal-equation form (1/3)(2 theta0 sum x + 2 theta1 sum x^2 - 2 sum x y), with plain symbols."""
import sympy as sp


def mse_partial_derivative():
    theta0, theta1 = sp.symbols("theta0 theta1")
    x1, x2, x3, y1, y2, y3 = sp.symbols("x1 x2 x3 y1 y2 y3")
    sum_x = x1 + x2 + x3
    sum_xx = x1**2 + x2**2 + x3**2
    sum_xy = x1 * y1 + x2 * y2 + x3 * y3
    return (2 * theta0 * sum_x + 2 * theta1 * sum_xx - 2 * sum_xy) / 3
