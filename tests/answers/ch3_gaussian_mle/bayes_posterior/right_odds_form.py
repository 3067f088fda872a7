"""Right: posterior odds = prior odds x likelihood ratio, written to handle the zero cases explicitly;
returns a NumPy float64 (which counts as a float)."""
import numpy as np


def bayes_posterior(prior, p_e_given_h, p_e_given_not_h):
    names = ("prior", "p_e_given_h", "p_e_given_not_h")
    for name, p in zip(names, (prior, p_e_given_h, p_e_given_not_h)):
        if p < 0 or p > 1:
            raise ValueError(f"{name} = {p} is not a probability")
    a = np.float64(p_e_given_h) * prior             # P(E and H)
    b = np.float64(p_e_given_not_h) * (1 - prior)   # P(E and not H)
    if a + b == 0:
        raise ValueError("the evidence has probability 0")
    if b == 0:
        return np.float64(1.0)
    odds = a / b
    return odds / (1 + odds)
