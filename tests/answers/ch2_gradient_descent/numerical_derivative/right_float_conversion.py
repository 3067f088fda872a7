"""Converts x and h to floats first, evaluates f at both points, and returns a Python float."""


def numerical_derivative(f, x, h=1e-5):
    h = float(h)
    if h <= 0.0:
        raise ValueError("numerical_derivative needs a positive step h")
    x = float(x)
    right, left = f(x + h), f(x - h)
    return float(right - left) / (2.0 * h)
