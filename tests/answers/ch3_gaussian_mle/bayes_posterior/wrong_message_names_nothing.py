"""Wrong: the right formula and every check, but one message for every bad probability: it does not name the
offending argument, which the exercise asks for."""


def bayes_posterior(prior, p_e_given_h, p_e_given_not_h):
    if not all(0.0 <= p <= 1.0 for p in (prior, p_e_given_h, p_e_given_not_h)):
        raise ValueError("invalid input")
    p_e = p_e_given_h * prior + p_e_given_not_h * (1.0 - prior)
    if p_e == 0:
        raise ValueError("invalid input")
    return float(p_e_given_h * prior / p_e)
