"""Returns what sp.solve returns, a list of solutions, instead of the expression."""
import sympy as sp


def variance_mle_expression():
    x1, x2, x3 = sp.symbols("x1 x2 x3", real=True)
    mu = sp.Symbol("mu", real=True)
    v = sp.Symbol("v", positive=True)
    log_lik = sum(-sp.log(2 * sp.pi * v) / 2 - (x - mu) ** 2 / (2 * v) for x in (x1, x2, x3))
    mu_hat = sp.solve(sp.diff(log_lik, mu), mu)[0]
    return sp.solve(sp.diff(log_lik, v).subs(mu, mu_hat), v)
