"""Wrong: rejects the valid probabilities 0 and 1 (checks the open interval (0, 1) instead of [0, 1])."""
import numpy as np


def bayes_posterior(prior, p_e_given_h, p_e_given_not_h):
    for p in (prior, p_e_given_h, p_e_given_not_h):
        if not 0.0 < p < 1.0:
            raise ValueError("probabilities must be in (0, 1)")
    return float(p_e_given_h * prior / (p_e_given_h * prior + p_e_given_not_h * (1 - prior)))
