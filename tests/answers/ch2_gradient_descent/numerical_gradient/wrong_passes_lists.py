"""Works with Python lists: f receives lists instead of NumPy arrays (breaks the contract; an f that uses
array arithmetic would fail), and the result is a list."""


def numerical_gradient(f, x, h=1e-5):
    if h <= 0:
        raise ValueError("h must be positive")
    try:
        x = [float(v) for v in x]
    except TypeError:
        raise ValueError("x must be 1-D") from None
    if any(isinstance(v, list) for v in x):
        raise ValueError("x must be 1-D")
    grad = []
    for i in range(len(x)):
        xp, xm = list(x), list(x)
        xp[i] += h
        xm[i] -= h
        grad.append((f(xp) - f(xm)) / (2 * h))
    return grad
