"""Right: builds the 2x2 joint table P(H, E) explicitly and normalises the E column (pure Python)."""


def bayes_posterior(prior, p_e_given_h, p_e_given_not_h):
    for name, p in [("prior", prior), ("P(E|H)", p_e_given_h), ("P(E|not H)", p_e_given_not_h)]:
        if not (0 <= p <= 1):
            raise ValueError(f"{name} must lie in [0, 1]")
    joint = {
        ("H", "E"): prior * p_e_given_h,
        ("notH", "E"): (1 - prior) * p_e_given_not_h,
    }
    evidence = joint[("H", "E")] + joint[("notH", "E")]
    if evidence <= 0:
        raise ValueError("P(E) is zero")
    return float(joint[("H", "E")]) / evidence
