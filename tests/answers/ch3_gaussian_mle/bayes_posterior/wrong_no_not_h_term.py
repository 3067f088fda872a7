"""Wrong: P(E) = P(E|H) P(H) only (the not-H term of the law of total probability is missing), so the
posterior is always 1."""
import numpy as np


def bayes_posterior(prior, p_e_given_h, p_e_given_not_h):
    for p in (prior, p_e_given_h, p_e_given_not_h):
        if not 0.0 <= p <= 1.0:
            raise ValueError("probabilities must be in [0, 1]")
    p_e = p_e_given_h * prior
    if p_e == 0:
        raise ValueError("P(E) = 0")
    return float(p_e_given_h * prior / p_e)
