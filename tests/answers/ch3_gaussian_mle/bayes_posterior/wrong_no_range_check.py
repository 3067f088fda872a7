"""Wrong: correct formula, but only the prior is range-checked; likelihoods outside [0, 1] are accepted."""
import numpy as np


def bayes_posterior(prior, p_e_given_h, p_e_given_not_h):
    if not 0.0 <= prior <= 1.0:
        raise ValueError("prior must be in [0, 1]")
    p_e = p_e_given_h * prior + p_e_given_not_h * (1 - prior)
    if p_e == 0:
        raise ValueError("P(E) = 0")
    return float(p_e_given_h * prior / p_e)
