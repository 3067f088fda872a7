"""What the students' Validate answers (mlmath.validate): a summary first, one entry per failing exercise with
its first failing check's message, never a traceback; nbgrader's own answer for changed cells."""

from __future__ import annotations

import nbformat

from mlmath.validate import SUMMARY_SOURCE, check_exercises, summarised, summary_lines


def meta(cell, **nbgrader):
    cell.metadata["nbgrader"] = {"grade": False, "solution": False, "locked": False, **nbgrader}
    return cell


def answer(function: str):
    return meta(nbformat.v4.new_code_cell(f"def {function}(x):\n    return x"), grade_id=function, solution=True)


def graded_test(grade_id: str, error: tuple[str, str] | None = None):
    source = f'"""{grade_id}"""\ncheck({grade_id!r})'
    cell = meta(nbformat.v4.new_code_cell(source), grade_id=grade_id, grade=True, points=1, locked=True)
    if error:
        cell.outputs = [nbformat.v4.new_output("error", ename=error[0], evalue=error[1],
                                               traceback=["\x1b[31mTraceback (most recent call last)", "secret"])]
    return cell


def written(text: str):
    return meta(nbformat.v4.new_markdown_cell(text), grade_id="written_q", grade=True, solution=True, points=2)


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


STUB = ("NotImplementedError", "")
NB = notebook(
    answer("dot"), graded_test("dot__visible"), graded_test("dot__hidden_random"),
    answer("norm"), graded_test("norm__visible", ("AssertionError", "norm([3, 4]) should be 5.0, got 7.0")),
    graded_test("norm__hidden_edges", ("AssertionError", "norm([]) should be 0.0")),
    answer("matmul"), graded_test("matmul__visible", STUB), graded_test("matmul__hidden_random", STUB),
    written("YOUR ANSWER HERE"),
)


def test_each_exercise_passes_fails_with_its_first_message_or_is_not_attempted():
    checks = {c.name: c for c in check_exercises(NB)}
    assert checks["dot"].status == "passes"
    assert checks["norm"].status == "fails"
    assert checks["norm"].message == "AssertionError: norm([3, 4]) should be 5.0, got 7.0"
    assert checks["matmul"].status == "not attempted"
    assert checks["written answer (written_q)"].status == "not answered"


def test_the_answer_is_a_summary_first_then_one_entry_per_failing_exercise_without_traceback():
    result = summarised({"failed": [{"source": "x", "error": "Traceback", "raw_error": "Traceback"}] * 4},
                        check_exercises(NB))
    entries = result["failed"]
    assert entries[0]["source"] == SUMMARY_SOURCE
    summary = entries[0]["raw_error"]
    assert summary.splitlines()[0].startswith("1 of 3 exercises pass their visible tests")
    assert "dot: passes its visible tests" in summary and "norm: fails: AssertionError: norm([3, 4])" in summary
    assert "matmul: not attempted" in summary and "not filled in" in summary
    assert len(entries) == 2 and '"""norm__visible"""' in entries[1]["source"]
    assert all("Traceback" not in e["raw_error"] and "secret" not in e["raw_error"] for e in entries)
    assert "&lt;" not in entries[1]["error"] and "norm([3, 4])" in entries[1]["error"]


def test_a_hidden_test_left_as_its_docstring_in_a_students_notebook_does_not_count():
    hidden = meta(nbformat.v4.new_code_cell('"""Check f on random inputs."""\nprint("Run when graded.")'),
                  grade_id="f__hidden_random",
                  grade=True, points=2, locked=True)
    nb = notebook(answer("f"), graded_test("f__visible", STUB), hidden, written("An answer."))
    assert check_exercises(nb)[0].status == "not attempted"


def test_the_summary_is_escaped_html_for_the_dialog():
    nb = notebook(answer("f"), graded_test("f__visible", ("AssertionError", "<b>bold</b>")), written("An answer."))
    entry = summarised({}, check_exercises(nb))["failed"][0]
    assert "<b>" not in entry["error"] and "&lt;b&gt;" in entry["error"]


def test_all_passing_and_answered_is_nbgraders_success_and_changed_cells_keep_nbgraders_answer():
    nb = notebook(answer("f"), graded_test("f__visible"), written("Because the mean matters."))
    assert summarised({}, check_exercises(nb)) == {}
    changed = {"changed": [{"source": "x"}]}
    assert summarised(changed, check_exercises(NB)) is changed
    assert summary_lines(check_exercises(nb))[-1].startswith("✔ written answer")
