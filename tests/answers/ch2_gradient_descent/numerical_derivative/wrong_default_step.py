"""Uses a default step of 1e-3 instead of 1e-5 (a plausible guess, but not the stated contract)."""


def numerical_derivative(f, x, h=1e-3):
    if h <= 0:
        raise ValueError("h must be positive")
    return float((f(x + h) - f(x - h)) / (2 * h))
