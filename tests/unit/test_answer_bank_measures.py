"""What `mlmath bank` measures besides caught and accepted: wrong answers a visible test catches, answers
charged on another function's tests, and the share of points in tests of input handling (pure, no kernel)."""

from __future__ import annotations

from pathlib import Path

import nbformat

from mlmath import answer_bank, notebooks


def graded_cell(gid, points, hidden=False):
    source = '"""Check."""\n' + ("### BEGIN HIDDEN TESTS\nassert True\n### END HIDDEN TESTS\n" if hidden else "")
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": gid,
                                 "points": points, "schema_version": 3}
    return cell


NB = nbformat.v4.new_notebook(cells=[
    graded_cell("dot__visible", 1), graded_cell("dot__hidden_random", 3, True),
    graded_cell("dot__hidden_errors", 1, True), graded_cell("norm__visible", 1),
    graded_cell("norm__hidden_edges", 1, True), graded_cell("norm__hidden_inputs", 1, True),
    graded_cell("norm__hidden_stability", 2, True),
])


def test_the_aspect_of_a_grade_id_says_what_the_cell_tests():
    assert [notebooks.aspect(notebooks.grade_id(c)) for c in NB.cells] == [
        "visible", "random", "errors", "visible", "edges", "inputs", "stability"]
    assert [notebooks.is_visible_test(c) for c in NB.cells] == [True, False, False, True, False, False, False]


def test_points_split_counts_errors_edges_and_inputs_as_input_handling():
    split = answer_bank.points_split(NB)
    assert (split.total, split.input_handling) == (10.0, 3.0)
    assert split.cells == ("dot__hidden_errors", "norm__hidden_edges", "norm__hidden_inputs")
    assert abs(split.share - 0.3) < 1e-12


def verdict(name, lost, function="norm"):
    own = notebooks.tests_of(function, NB)
    return answer_bank.Verdict(answer_bank.Answer("ch", function, Path(f"{name}.py")), 0.0, 5.0, tuple(lost),
                               visible=tuple(g for g in own if "visible" in g),
                               elsewhere=tuple(notebooks.grade_id(c) for c in NB.cells if notebooks.grade_id(c)
                                               not in own))


def test_a_wrong_answer_is_caught_visibly_only_by_a_visible_test_of_its_own_function():
    seen = verdict("wrong_a", ["norm__visible", "norm__hidden_stability"])
    unseen = verdict("wrong_b", ["norm__hidden_stability", "dot__visible"])
    assert seen.caught_visibly and not unseen.caught_visibly
    assert unseen.charged_elsewhere == ("dot__visible",) and seen.charged_elsewhere == ()
    assert answer_bank.visible_coverage([seen, unseen, verdict("right_c", [])]) == (1, 2)


def test_the_table_reports_coverage_split_and_names_what_misses_the_goals():
    text = answer_bank.table("ch", [verdict("wrong_a", ["norm__visible"]),
                                    verdict("wrong_b", ["norm__hidden_stability", "dot__visible"])],
                             answer_bank.points_split(NB))
    assert "visible tests catch 1/2 wrong answers (50%; goal >= 90%)  BELOW GOAL" in text
    assert "input handling (errors, edges, inputs): 3 of 10 autograded points (30%; goal <= 15%)  ABOVE GOAL" in text
    assert "only hidden tests catch norm/wrong_b.py" in text
    assert "norm/wrong_b.py also loses ['dot__visible']" in text


def bank_answer(function: str, name: str) -> answer_bank.Answer:
    return answer_bank.Answer("ch1", function, Path(f"/bank/ch1/{function}/{name}.py"))


def test_right_answers_go_in_rounds_one_per_function_each():
    dot1, dot2, dot3 = (bank_answer("dot", f"right_{k}") for k in range(3))
    norm1, norm2 = (bank_answer("norm", f"right_{k}") for k in range(2))
    assert answer_bank.rounds([dot1, dot2, dot3, norm1, norm2]) == [(dot1, norm1), (dot2, norm2), (dot3,)]
    assert answer_bank.rounds([]) == []


def test_a_submission_replaces_each_answers_own_cell_and_keeps_only_nbgraders_cells(tmp_path):
    def answer_cell(gid):
        cell = nbformat.v4.new_code_cell(f"def {gid}(): ...")
        cell.metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False, "grade_id": gid,
                                     "schema_version": 3}
        return cell

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('a lesson')"), answer_cell("dot"),
                                         answer_cell("norm"), *NB.cells])
    reference = tmp_path / "ch1.ipynb"
    nbformat.write(nb, reference)
    for function in ("dot", "norm"):
        (tmp_path / f"{function}.py").write_text(f"def {function}(): return 'mine'\n")
    answers = [answer_bank.Answer("ch1", f, tmp_path / f"{f}.py") for f in ("dot", "norm")]
    made = notebooks.cells_by_id(answer_bank.submission_for(reference, *answers))
    assert made["dot"].source == "def dot(): return 'mine'\n" and made["norm"].source == "def norm(): return 'mine'\n"
    assert "print('a lesson')" not in [c.source for c in answer_bank.submission_for(reference, answers[0]).cells]
    missing = answer_bank.Answer("ch1", "matmul", tmp_path / "dot.py")
    try:
        answer_bank.submission_for(reference, missing)
    except ValueError as error:
        assert "matmul" in str(error)
    else:
        raise AssertionError("a bank folder naming no solution cell must be refused")
