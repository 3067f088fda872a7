"""Correct central difference, but no check of h: h = 0 gives a ZeroDivisionError (or nan) and a negative h
is silently accepted, instead of a ValueError."""


def numerical_derivative(f, x, h=1e-5):
    return float((f(x + h) - f(x - h)) / (2 * h))
