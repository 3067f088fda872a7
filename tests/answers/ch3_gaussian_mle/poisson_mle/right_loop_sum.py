"""The total divided by the number of counts, with a loop that checks each count."""


def poisson_mle(counts):
    counts = list(counts)
    if not counts:
        raise ValueError("counts must not be empty")
    total = 0
    for k in counts:
        if k < 0 or k != int(k):
            raise ValueError(f"invalid count {k}")
        total += k
    return float(total / len(counts))
