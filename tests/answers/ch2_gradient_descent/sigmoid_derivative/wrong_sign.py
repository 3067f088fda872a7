"""Sign error from differentiating 1 / (1 + e**-z) carelessly: returns -sigma(z) (1 - sigma(z))."""


def sigmoid_derivative(z):
    s = sigmoid(z)
    return -s * (1.0 - s)
