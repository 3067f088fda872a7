"""Wrong: reproduces only the visible examples (and the visible errors) by hard-coding them."""
import numpy as np


def bayes_posterior(prior, p_e_given_h, p_e_given_not_h):
    if prior > 1:
        raise ValueError("prior above 1")
    if p_e_given_h > 1 or p_e_given_h < 0:
        raise ValueError("p_e_given_h must be in [0, 1]")
    if p_e_given_not_h > 1 or p_e_given_not_h < 0:
        raise ValueError("p_e_given_not_h must be in [0, 1]")
    if (prior, p_e_given_h, p_e_given_not_h) == (0.0, 0.7, 0.0):
        raise ValueError("P(E) = 0")
    known = {
        (0.01, 0.99, 0.05): 0.0099 / (0.0099 + 0.0495),
        (0.5, 0.8, 0.2): 0.8,
        (0.2, 0.9, 0.3): 0.18 / (0.18 + 0.24),
        (0.0, 0.9, 0.1): 0.0,
        (0.3, 1.0, 0.0): 1.0,
    }
    return known.get((prior, p_e_given_h, p_e_given_not_h), 0.5)
