"""Confuses the sigmoid with tanh, whose derivative is 1 - tanh**2: returns 1 - sigma(z)**2."""


def sigmoid_derivative(z):
    s = sigmoid(z)
    return 1.0 - s**2
