"""ch5's derivation helpers (its checks cell): check_expression accepts every equivalent form, and a wrong one is
told whether its sign, a constant factor, a constant term or its form is wrong, never shown the reference."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from mlmath import notebooks

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def helpers() -> dict:
    cells = notebooks.cells_by_id(notebooks.read(ROOT / "source" / "ch5_beyond" / "ch5_beyond.ipynb"))
    namespace: dict = {}
    exec(cells["checks"].source, namespace)
    return namespace


w, a = sp.Symbol("w", real=True), sp.Symbol("a", positive=True)
SIGMA = 1 / (1 + sp.exp(-w))
EXPECTED = (a - SIGMA) / (SIGMA * (1 - SIGMA))
W, A = sp.symbols("w a")  # an answer's own symbols: plain, matched by name


@pytest.mark.parametrize("answer", [
    EXPECTED,
    (A * (1 + sp.exp(W)) - sp.exp(W)) * (1 + sp.exp(W)) / sp.exp(W),
    -sp.diff(sp.log(1 + sp.exp(W)) - A * W, W) / sp.diff(sp.log(1 + sp.exp(W)) - A * W, W, 2),
])
def test_every_equivalent_form_passes(helpers, answer):
    helpers["check_expression"](answer, EXPECTED, "the step", [w, a])


@pytest.mark.parametrize("answer, words", [
    (-EXPECTED.xreplace({w: W, a: A}), "has the wrong sign"),
    (2 * EXPECTED.xreplace({w: W, a: A}), "is off by a constant factor"),
    (EXPECTED.xreplace({w: W, a: A}) + 3, "is off by a constant term"),
    (W + EXPECTED.xreplace({w: W, a: A}), "has the wrong form"),
    (-(SIGMA - a) / SIGMA**2, "has the wrong form"),
    (EXPECTED + sp.Symbol("t"), "uses t, which is not one of the exercise's symbols (w, a)"),
])
def test_a_wrong_form_is_diagnosed_without_the_reference(helpers, answer, words):
    with pytest.raises(AssertionError) as failure:
        helpers["check_expression"](answer, EXPECTED, "the step", [w, a])
    message = str(failure.value)
    assert words in message
    for shown in (str(EXPECTED), str(sp.simplify(EXPECTED)), "exp(-w)", "exp(w)"):
        assert shown not in message


def test_what_is_not_an_expression_fails_by_its_type(helpers):
    with pytest.raises(AssertionError, match="should be a SymPy expression, but it is float"):
        helpers["check_expression"](0.5, EXPECTED, "the step", [w, a])


def test_check_example_shows_both_values_and_the_hint(helpers):
    with pytest.raises(AssertionError) as failure:
        helpers["check_example"]([0.5, 0.5], [5 / 6, 1 / 6], "pi", hint="use P.T")
    assert str(failure.value) == "pi: yours is [0.5, 0.5], expected [0.833333, 0.166667] (hint: use P.T)"
    helpers["check_example"](float("inf"), float("inf"), "the divergence")
