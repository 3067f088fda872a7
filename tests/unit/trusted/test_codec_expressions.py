"""SymPy expressions across the boundary: a derivation's answer crosses as a tagged tree of plain data, and the
trusted side rebuilds it with whitelisted constructors only; every other tree is refused with a clear message."""

from __future__ import annotations

import json

import pytest
import sympy as sp

from mlmath.trusted import codec

x, a, w, b = sp.symbols("x a w b")


def round_trip(value):
    return codec.loads(codec.dumps(value))


@pytest.mark.parametrize("expression", [
    x, sp.Integer(0), sp.Integer(-7), sp.Integer(10**80), sp.Rational(-3, 7), sp.Float(0.125), sp.pi, sp.E, sp.I,
    sp.oo, -sp.oo, sp.zoo, sp.nan,
    x - (sp.exp(x) - a) / sp.exp(x),
    x**2 + 3 * x * a - sp.Rational(1, 2),
    sp.sqrt(x**2 + 1) + sp.log(x) + sp.log(x, 2) + sp.Abs(a) + sp.sign(a),
    sp.sin(x) * sp.cos(x) + sp.tan(x) + sp.tanh(w * x + b) + sp.sinh(x) - sp.cosh(x) + sp.atan(x) + sp.asin(x)
    + sp.acos(x),
    1 / (1 + sp.exp(-(w * x + b))),
    x ** sp.Rational(3, 2) + x**-1 + 2**x + x**1.5,
])
def test_expressions_of_the_whitelist_round_trip_exactly(expression):
    back = round_trip(expression)
    assert isinstance(back, sp.Basic)
    assert back == expression or (expression is sp.nan and back is sp.nan)


def test_an_expression_crosses_inside_containers_and_as_a_plain_tree():
    value = {"step": x - 1, "terms": [x, (a, 2)]}
    assert round_trip(value) == value
    text = codec.dumps(x**2 + 1)
    assert json.loads(text) == {"$": "sympy", "v": ["Add", ["Integer", 1], ["Pow", ["Symbol", "x"],
                                                                                ["Integer", 2]]]}


def test_symbols_cross_by_name_without_assumptions():
    positive = sp.Symbol("x", positive=True)
    back = round_trip(positive**2)
    assert back == sp.Symbol("x") ** 2 and back != positive**2


def decoded(tree):
    return codec.decode({"$": "sympy", "v": tree})


def refused(tree) -> str:
    with pytest.raises(codec.BoundaryError) as caught:
        decoded(tree)
    message = str(caught.value)
    assert message.startswith("a SymPy expression the grader cannot read")
    return message


def nested(kind: str, depth: int) -> list:
    tree: list = ["Symbol", "x"]
    for _ in range(depth):
        tree = [kind, tree]
    return tree


@pytest.mark.parametrize("tree, words", [
    (["Integral", ["Symbol", "x"], ["Symbol", "x"]], "it uses Integral"),
    (["Function", ["Symbol", "x"]], "it uses Function"),
    (["__import__", ["Symbol", "os"]], "it uses a kind of node"),
    (["Symbol", "__import__('os').system('true')"], "a symbol's name must be a Python identifier"),
    (["Symbol", "lambda"], "a symbol's name must be a Python identifier"),
    (["Symbol", "x" * 65], "a symbol's name must be a Python identifier"),
    (["Symbol", ["x"]], "a symbol's name"),
    (["Integer", "1+1"], "is not an integer"),
    (["Integer", True], "is not an integer"),
    (["Integer", 10**100], "is not an integer of at most 100 digits"),
    (["Integer", 1.5], "is not an integer"),
    (["Rational", 1, 0], "the denominator 0"),
    (["Float", "1e5"], "not a finite float"),
    (["Float", float("inf")], "not a finite float"),
    (["Pow", ["Symbol", "x"], ["Integer", 10**9]], "exponent in it is larger than 1000"),
    (["Pow", ["Symbol", "x"], ["Rational", 1, 10**9]], "exponent in it is larger than 1000"),
    (["Pow", ["Symbol", "x"], ["Float", 1e300]], "exponent in it is larger than 1000"),
    (["Pow", ["Integer", 10**99], ["Integer", 999]], "more than 10000 digits"),
    (["Pow", ["Integer", 2], ["Pow", ["Integer", 2], ["Integer", 1000]]], "exponent in it is larger than 1000"),
    (["Mul", *[["Integer", 10**99 + 7] for _ in range(200)]], "more than 10000 digits"),
    (["Pow", ["Symbol", "x"]], "Pow with 1 arguments"),
    (["exp"], "exp with 0 arguments"),
    (["Add", *[["Symbol", "x"] for _ in range(2001)]], "Add with 2001 arguments"),
    (["Add", *[["Mul", ["Symbol", "x"], ["Symbol", "y"]] for _ in range(700)]], "more than 2000 parts"),
    (nested("exp", 65), "nested more than 64 levels deep"),
    ("x**2", "not a node"),
    ([], "not a node"),
    ([["Symbol", "x"]], "not a node"),
    ({"$": "sympy", "v": ["Symbol", "x"]}, "not a node"),
])
def test_hostile_and_malformed_trees_are_refused_with_a_reason(tree, words):
    assert words in refused(tree)


def test_strings_crafted_for_sympify_never_reach_a_parser(monkeypatch):
    """Were the decoder to parse text, these would run code; it only makes Symbols of identifiers."""
    for name in ("sympify", "parse_expr", "S", "srepr"):
        monkeypatch.setattr(sp, name, None, raising=False)
    monkeypatch.setattr("builtins.eval", None)
    for text in ("__import__('os').system('echo hacked')", "exec('1')", "x**2 + lambda: 0", "Symbol('x')"):
        assert "a symbol's name must be" in refused(["Symbol", text])
        assert "not a node" in refused(text)
    assert decoded(["Add", ["Symbol", "eval"], ["Integer", 1]]) == sp.Symbol("eval") + 1


def test_a_deep_json_message_is_refused_not_a_crash():
    text = '{"$":"sympy","v":' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(codec.BoundaryError):
        codec.loads(text)


def test_the_student_side_sends_unknown_kinds_for_the_trusted_side_to_refuse():
    f = sp.Function("f")
    tree = codec.encode(sp.Integral(f(x), x))
    assert tree["v"][0] == "Integral"
    with pytest.raises(codec.BoundaryError, match="it uses Integral"):
        codec.decode(tree)


def test_the_student_side_refuses_an_absurdly_large_expression():
    huge = sp.Add(*sp.symbols(f"y0:{4 * codec.MAX_EXPRESSION_NODES + 5}"))
    with pytest.raises(codec.BoundaryError, match="far larger than the grader reads"):
        codec.encode(huge)


def test_the_nodes_count_against_the_messages_budget():
    tree = {"$": "tuple", "v": [{"$": "sympy", "v": ["Add", *[["Symbol", f"y{i}"] for i in range(1999)]]}
                                for _ in range(codec.MAX_ITEMS // 1999 + 1)]}
    with pytest.raises(codec.BoundaryError, match="more than"):
        codec.decode(tree)
