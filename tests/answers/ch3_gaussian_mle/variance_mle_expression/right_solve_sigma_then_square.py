"""Writes the log-likelihood with sigma, solves dl/dsigma = 0 (the issue's route), then squares the solution."""
import sympy as sp


def variance_mle_expression():
    x1, x2, x3 = sp.symbols("x1 x2 x3", real=True)
    mu = sp.Symbol("mu", real=True)
    v = sp.Symbol("v", positive=True)
    sigma = sp.Symbol("sigma", positive=True)
    log_lik = sum(-sp.log(sp.sqrt(2 * sp.pi) * sigma) - (x - mu) ** 2 / (2 * sigma ** 2) for x in (x1, x2, x3))
    sigma_hat = sp.solve(sp.diff(log_lik, sigma), sigma)[0]
    mu_hat = sp.solve(sp.diff(log_lik, mu), mu)[0]
    return (sigma_hat ** 2).subs(mu, mu_hat)
