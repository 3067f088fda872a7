"""Wrong: reproduces only the visible examples (and the one visible error) by hard-coding them."""
import numpy as np


def bayes_posterior(prior, p_e_given_h, p_e_given_not_h):
    if prior > 1:
        raise ValueError("prior above 1")
    if (prior, p_e_given_h, p_e_given_not_h) == (0.01, 0.99, 0.05):
        return 0.0099 / (0.0099 + 0.0495)
    if (prior, p_e_given_h, p_e_given_not_h) == (0.5, 0.8, 0.2):
        return 0.8
    return 0.5
