"""The test kernel's side of the boundary (runner.Session), with the grader's messages scripted."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parents[3] / "mlmath" / "trusted"))
import runner  # noqa: E402  (the test kernel's program imports codec as a top-level module, as here)

from mlmath.trusted import student_side  # noqa: E402


class ScriptedChannel:
    """The grader, played from a list of replies; what the runner sent is kept."""

    def __init__(self, replies=()):
        self.replies = list(replies)
        self.sent = []

    def send(self, message):
        self.sent.append(message)

    def receive(self):
        reply = self.replies.pop(0)
        return reply(self.sent[-1]) if callable(reply) else reply


def result(answer: dict) -> dict:
    return {"op": "result", "answer": json.dumps(answer)}


def session(replies=(), setup=("import numpy as np",), answers=None) -> runner.Session:
    return runner.Session(ScriptedChannel(replies), list(setup), answers or {})


def test_free_names_are_the_globals_a_test_reads_and_nobody_defines():
    s = session()
    source = ("value = dot(x, [1, 2])\nf = lambda t: norm(t) + value\n"
              "total = sum(w * k for k in range(3))\ndef helper():\n    return hidden_helper()\nnp.ones(1)\n")
    assert s.free_names(source) == {"dot", "x", "norm", "w", "hidden_helper"}


def test_a_called_function_crosses_with_callbacks_and_in_place_changes():
    data = np.array([1.0, 2.0])
    changed = np.array([5.0, 6.0])

    def callback_then_result(sent):
        assert sent["op"] == "call" and sent["name"] == "gd"
        return {"op": "callback", "request": json.dumps({"id": 0, "args": [3.0], "kwargs": {"$": "dict", "v": []}})}

    def final(sent):
        assert sent == {"op": "callback_result", "value": 6.0}
        return result({"op": "return", "value": {"$": "tuple", "v": [1.5, [2.0]]},
                       "args": [None, runner.codec.encode(changed)], "kwargs": {}})

    s = session([{"op": "result", "answer": json.dumps({"op": "found", "kind": "callable"})}, callback_then_result,
                 final])
    s.bind("gd")
    value = s.namespace["gd"](lambda t: 2 * t, data)
    assert value == (1.5, [2.0])
    assert np.array_equal(data, changed)


@pytest.mark.parametrize("hidden, hidden_seen, shown", [(False, False, True), (True, False, False),
                                                        (False, True, False)])
def test_an_answers_message_is_shown_only_before_any_hidden_test(hidden, hidden_seen, shown):
    s = session()
    s.cell_hidden, s.hidden_seen = hidden, hidden_seen
    error = s.exception("dot", {"type": "ShapeError", "bases": ["ValueError", "Exception"],
                                "message": "inputs were [0.123, 4.56]"})
    assert type(error) is ValueError
    assert ("0.123" in str(error)) is shown


def test_an_exception_without_a_builtin_base_arrives_as_answer_error():
    error = session().exception("dot", {"type": "KeyboardInterrupt", "bases": [], "message": ""})
    assert isinstance(error, runner.AnswerError) and "dot" in str(error)


def test_a_refused_or_unreadable_result_fails_the_call():
    s = session()
    with pytest.raises(TypeError, match="returned a generator, which the grader cannot read"):
        s.outcome("dot", json.dumps({"op": "refused", "type": "generator"}), (), {})
    with pytest.raises(TypeError, match="cannot read"):
        s.outcome("dot", json.dumps({"op": "return", "value": {"$": "pickle"}}), (), {})
    for text in ("", "[1]", "{", json.dumps({"op": "other"})):
        with pytest.raises(runner.GraderError):
            s.outcome("dot", text, (), {})


def test_write_back_copies_changes_only_into_matching_objects():
    array, items, table = np.zeros(3), [1, 2], {"a": 1}
    encode = runner.codec.encode
    runner.Session.write_back((array, items, table), [encode(np.ones(3)), encode([9]), encode({"b": 2})], {}, {})
    assert np.array_equal(array, np.ones(3)) and items == [9] and table == {"b": 2}
    runner.Session.write_back((array,), [encode(np.zeros(5))], {}, {})  # a different shape cannot be in place
    assert np.array_equal(array, np.ones(3))


def test_a_test_cells_verdict_quotes_no_source():
    s = session()
    done = s.run("secret = 42\nassert secret == 41, 'the value is wrong'\n", hidden=True)
    assert done["error"]["ename"] == "AssertionError"
    assert "secret" not in json.dumps(done["error"]) and "line 2" in done["error"]["traceback"][0]
    assert s.hidden_seen


def test_names_bound_from_the_answer_are_looked_up_again_in_every_cell():
    s = session([result({"op": "found", "kind": "value", "value": 1.0}),
                 result({"op": "found", "kind": "value", "value": 2.0})])
    assert s.run("assert x == 1.0", hidden=False)["error"] is None
    assert s.run("assert x == 2.0", hidden=False)["error"] is None


class FakeShell:
    def __init__(self, namespace):
        self.user_ns = namespace


def call(name: str, *args, context=None) -> dict:
    return {"op": "call", "name": name, "args": runner.codec.encode(list(args)), "kwargs": {"$": "dict", "v": []},
            **({"context": context} if context else {})}


def test_the_student_side_answers_one_request_after_another_through_input(monkeypatch):
    requests = iter([{**request, "id": number} for number, request in enumerate(
        [call("double", [1, 2]), call("broken"), call("gen"), call("missing"), {"op": "describe", "name": "double"},
         {"op": "describe", "name": "data"}, {"op": "describe", "name": "nothing"}], start=1)] + [{"op": "stop"}])
    asked = []

    def answer(prompt: str) -> str:
        asked.append(json.loads(prompt))
        return json.dumps(next(requests))

    monkeypatch.setattr("builtins.input", answer)
    monkeypatch.setattr(student_side, "_ns", {"double": lambda a: a.__imul__(2) if isinstance(a, list) else a * 2,
                                             "broken": lambda: (_ for _ in ()).throw(KeyError("k")),
                                             "gen": lambda: (x for x in ()), "data": np.arange(3.0)})
    student_side.session()
    assert asked[0] == {"op": "ready"}
    assert [a.pop("re") for a in asked[1:]] == list(range(1, 8))  # each answer names the request it answers
    assert asked[1]["op"] == "return" and asked[1]["value"] == [1, 2, 1, 2] and asked[1]["args"] == [[1, 2, 1, 2]]
    assert asked[2]["op"] == "raise" and asked[2]["bases"][0] == "KeyError"
    assert asked[3] == {"op": "refused", "type": "generator", "message": asked[3]["message"]}
    assert asked[4]["op"] == "raise" and asked[4]["bases"][0] == "NameError"
    assert asked[5] == {"op": "found", "kind": "callable"}
    assert asked[6]["kind"] == "value" and np.array_equal(runner.codec.decode(asked[6]["value"]), np.arange(3.0))
    assert asked[7] == {"op": "found", "kind": "missing"} and len(asked) == 8


def test_the_answer_runs_under_the_tests_warning_filters_and_numpy_error_handling(monkeypatch):
    import warnings

    monkeypatch.setattr(student_side, "_ns", {"overflow": lambda: np.exp(np.array([1000.0]))})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        strict = runner.numeric_context()
        warnings.simplefilter("ignore")
        lenient = runner.numeric_context()
    with np.errstate(over="raise"):
        raising = runner.numeric_context()
    answers = [student_side.serve(call("overflow", context=c)) for c in (strict, raising, lenient)]
    assert answers[0]["op"] == "raise" and answers[0]["bases"][0] == "RuntimeWarning"
    assert answers[1]["op"] == "raise" and answers[1]["bases"][0] == "FloatingPointError"
    assert answers[2]["op"] == "return"


def test_a_derivation_crosses_as_a_sympy_expression_from_a_function_or_a_value(monkeypatch):
    import sympy as sp

    x, a = sp.symbols("x a")
    requests = iter([call("newton_step"), {"op": "describe", "name": "dL_dw"}, {"op": "stop"}])
    asked = []

    def answer(prompt: str) -> str:
        asked.append(json.loads(prompt))
        return json.dumps(next(requests))

    monkeypatch.setattr("builtins.input", answer)
    monkeypatch.setattr(student_side, "_ns", {"newton_step": lambda: x - (sp.exp(x) - a) / sp.exp(x),
                                             "dL_dw": 2 * (a * x - 1) * x})
    student_side.session()
    s = session()
    assert s.outcome("newton_step", json.dumps(asked[1]), (), {}) == x - (sp.exp(x) - a) / sp.exp(x)
    s = session([result(asked[2])])
    assert s.run("import sympy\nw = sympy.Symbol('x')\nassert dL_dw.diff(w) == 2 * (2 * a_ * w - 1)\n"
                 .replace("a_", "sympy.Symbol('a')"), hidden=False)["error"] is None


def test_a_value_that_cannot_cross_is_named_not_reported_missing():
    unknown = {"op": "found", "kind": "value", "value": {"$": "sympy", "v": ["Integral", ["Symbol", "x"]]}}
    s = session([result(unknown)])
    error = s.run("print(dL_dw)", hidden=True)["error"]
    assert error["ename"] == "TypeError"
    assert "dL_dw is a value the grader cannot read (a SymPy expression the grader cannot read: it uses Integral" \
        in error["evalue"]
    s = session([result({"op": "found", "kind": "refused", "type": "Generator"})])
    assert "dL_dw is a value the grader cannot read (not plain data)" in s.run("dL_dw", hidden=False)["error"]["evalue"]
    s = session([result({"op": "found", "kind": "missing"})])
    assert s.run("dL_dw", hidden=False)["error"]["ename"] == "NameError"
