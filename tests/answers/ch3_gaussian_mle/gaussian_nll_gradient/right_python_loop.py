"""Right: accumulates the residual sums in a plain loop, then applies the closed form."""


def gaussian_nll_gradient(data, mu, sigma):
    n = 0
    s1 = 0.0
    s2 = 0.0
    for value in data:
        r = float(value) - mu
        s1 += r
        s2 += r * r
        n += 1
    d_mu = -(s1 / n) / (sigma * sigma)
    d_sigma = 1.0 / sigma - (s2 / n) / (sigma ** 3)
    return (d_mu, d_sigma)
