"""Forward difference (f(x + h) - f(x)) / h: a valid derivative estimate, but not the central difference the
contract asks for; its error is O(h), so it misses the exact central-difference values for a given h."""


def numerical_derivative(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("h must be positive")
    return float((f(x + h) - f(x)) / h)
