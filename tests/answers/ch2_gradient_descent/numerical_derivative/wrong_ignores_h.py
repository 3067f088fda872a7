"""Ignores the step it is given and always uses 1e-5: accurate with the default, but h is not honoured."""


def numerical_derivative(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("h must be positive")
    step = 1e-5
    return float((f(x + step) - f(x - step)) / (2 * step))
