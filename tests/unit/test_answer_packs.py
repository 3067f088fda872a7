"""Which wrong answers may share a submission (mlmath.answer_packs): pure, on a small notebook, no kernel."""

from __future__ import annotations

from types import SimpleNamespace

import nbformat

from mlmath.answer_packs import Dependencies, is_plain


def cell(gid: str, source: str, *, solution=False, test=False):
    made = nbformat.v4.new_code_cell(source)
    made.metadata["nbgrader"] = {"grade": test, "solution": solution, "locked": not solution, "grade_id": gid,
                                 "schema_version": 3, **({"points": 1} if test else {})}
    return made


def notebook(helpers: str = "def check(value): assert value"):
    return nbformat.v4.new_notebook(cells=[
        cell("checks", helpers),
        cell("dot", "def dot(x, y):\n    return sum(a * b for a, b in zip(x, y))", solution=True),
        cell("dot__visible", "check(dot([1], [2]) == 2)", test=True),
        cell("norm", "def norm(x):\n    return sum(a * a for a in x) ** 0.5", solution=True),
        cell("norm__visible", "check(norm([3, 4]) == 5)", test=True),
        cell("cosine", "def cosine(x, y):\n    return dot(x, y) / (norm(x) * norm(y))", solution=True),
        cell("cosine__hidden_random", "check(abs(cosine([1, 0], [1, 0]) - 1) < 1e-12)", test=True),
        cell("rank", "def rank(x):\n    return sorted(x)", solution=True),
        cell("rank__visible", "check(rank([2, 1]) == [1, 2])", test=True),
    ])


def answer(function: str, name: str = "wrong_a"):
    return SimpleNamespace(function=function, name=name)


def test_reach_follows_the_reference_solutions_and_the_packs_own_answers():
    deps = Dependencies.of(notebook())
    assert deps.reach("cosine([1], [1])", {}) == {"cosine", "dot", "norm"}
    alone = "def cosine(x, y):\n    return 1.0"  # an answer that calls neither dot nor norm
    assert deps.reach("cosine([1], [1])", {"cosine": alone}) == {"cosine"}
    assert deps.reach("x = 1  # not rank, nor dot", {}) == {"rank", "dot"}  # comments count: never too small


def test_a_function_named_by_a_read_only_cell_is_reached_by_every_test():
    deps = Dependencies.of(notebook(helpers="def check(value):\n    assert value, dot.__name__"))
    assert deps.shared == {"dot"}
    assert "dot" in deps.reach("check(rank([1]) == [1])", {})


def test_two_answers_share_only_if_no_test_reaches_both():
    deps = Dependencies.of(notebook())
    wrong = "def {0}(*args):\n    return 0.0"
    # cosine's test reaches dot and norm through cosine's reference solution
    assert not deps.can_share({"dot": wrong.format("dot"), "norm": wrong.format("norm")})
    assert deps.can_share({"dot": wrong.format("dot"), "rank": wrong.format("rank")})
    # cosine's test reaches dot through cosine's reference: with dot's answer alone, dot's mistake would be
    # charged there, so a cosine answer must not share with dot's, even one that hides the call to dot
    assert not deps.can_share({"dot": wrong.format("dot"), "cosine": "def cosine(x, y):\n    return dot(x, y)"})
    assert not deps.can_share({"dot": wrong.format("dot"), "cosine": wrong.format("cosine")})
    assert deps.can_share({"rank": wrong.format("rank"), "cosine": wrong.format("cosine")})
    authors = deps.authors({"dot": wrong.format("dot"), "rank": wrong.format("rank")})
    assert authors == {"dot__visible": {"dot"}, "norm__visible": set(), "cosine__hidden_random": {"dot"},
                       "rank__visible": {"rank"}}


def test_an_answer_that_runs_code_when_defined_shares_with_nothing():
    assert is_plain('"""Doc."""\nimport math\nfrom numpy import sum as total\ndef f(x):\n    return x\n')
    assert not is_plain("import numpy as np\nnp.sum = lambda *a: 0\ndef f(x):\n    return x\n")
    assert not is_plain("CACHE = {}\ndef f(x):\n    return x\n")
    assert not is_plain("@print\ndef f(x):\n    return x\n")
    assert not is_plain("def f(x):\n    return x +\n")  # a syntax error
    deps = Dependencies.of(notebook())
    assert not deps.can_share({"dot": "def dot(x, y):\n    return 0.0", "rank": "import os\nos.environ['A'] = '1'"})


def test_packs_are_first_fit_one_answer_per_function():
    deps = Dependencies.of(notebook())
    sources = {"dot": "def dot(x, y):\n    return 0.0", "norm": "def norm(x):\n    return 0.0",
               "rank": "def rank(x):\n    return x", "cosine": "def cosine(x, y):\n    return 0.0"}
    answers = [answer("dot", "a"), answer("dot", "b"), answer("norm"), answer("rank"), answer("cosine")]
    packs = deps.packs(answers, source=lambda a: sources[a.function])
    assert [[(a.function, a.name) for a in pack] for pack in packs] == [
        [("dot", "a"), ("rank", "wrong_a")], [("dot", "b")], [("norm", "wrong_a")], [("cosine", "wrong_a")]]
    assert deps.packs([], source=lambda a: "") == []
