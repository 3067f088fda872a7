"""Central difference divided by h instead of 2h: the two points are 2h apart, so the result is twice the
derivative."""


def numerical_derivative(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("h must be positive")
    return float((f(x + h) - f(x - h)) / h)
