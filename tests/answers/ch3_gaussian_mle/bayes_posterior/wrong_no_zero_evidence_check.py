"""Wrong: no check for P(E) = 0, so the division raises ZeroDivisionError instead of ValueError."""
import numpy as np


def bayes_posterior(prior, p_e_given_h, p_e_given_not_h):
    for p in (prior, p_e_given_h, p_e_given_not_h):
        if not 0.0 <= p <= 1.0:
            raise ValueError("probabilities must be in [0, 1]")
    return float(p_e_given_h * prior / (p_e_given_h * prior + p_e_given_not_h * (1 - prior)))
