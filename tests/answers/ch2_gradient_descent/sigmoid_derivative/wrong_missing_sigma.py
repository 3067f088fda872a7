"""Forgets the factor sigma(z): returns 1 - sigma(z), i.e. e**-z / (1 + e**-z) without squaring the
denominator."""


def sigmoid_derivative(z):
    return 1.0 - sigmoid(z)
