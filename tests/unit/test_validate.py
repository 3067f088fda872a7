"""What the students' Validate answers (mlmath.validate): a summary first, then each failing exercise's first
failing check's message, never a traceback, as text (the command line) and as HTML (the dialog) from one
answer; nbgrader's own answer for changed cells."""

from __future__ import annotations

import nbformat

from mlmath.validate import check_exercises, summarised, summary_lines


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


def test_the_answer_is_one_entry_the_summary_first_then_each_failing_exercise_without_traceback():
    result = summarised({"failed": [{"source": "x", "error": "Traceback", "raw_error": "Traceback"}] * 4},
                        check_exercises(NB))
    [entry] = result["failed"]
    text = entry["raw_error"]
    assert text.splitlines()[0].startswith("1 of 3 exercises pass their visible tests")
    assert "dot: passes its visible tests" in text and "norm: fails: AssertionError: norm([3, 4])" in text
    assert "matmul: not attempted" in text and "not filled in" in text
    assert text.index("not filled in") < text.index("norm, first failing check (norm__visible)")
    assert "secret" not in text and "Traceback" not in text and "matmul, first" not in text
    page = entry["error"]
    assert page.index("1 of 3 exercises") < page.index("norm, first failing check") and "secret" not in page
    assert "#validation-message" in page  # the dialog's generic line above the summary is hidden


def test_a_failing_checks_message_keeps_its_lines_in_the_details_and_its_first_line_in_the_summary():
    message = ("AssertionError", "norm([3, 4]) is not the correct value\n  yours:    7.0\n  expected: 5.0")
    nb = notebook(answer("norm"), graded_test("norm__visible", message), written("An answer."))
    [check, _] = check_exercises(nb)
    assert check.message == "AssertionError: norm([3, 4]) is not the correct value"
    text = summarised({}, [check])["failed"][0]["raw_error"]
    assert "\n      yours:    7.0\n      expected: 5.0" in text


def test_a_hidden_test_left_as_its_docstring_in_a_students_notebook_does_not_count():
    hidden = meta(nbformat.v4.new_code_cell('"""Check f on random inputs."""\nprint("Run when graded.")'),
                  grade_id="f__hidden_random",
                  grade=True, points=2, locked=True)
    nb = notebook(answer("f"), graded_test("f__visible", STUB), hidden, written("An answer."))
    assert check_exercises(nb)[0].status == "not attempted"


def test_the_summary_is_escaped_html_for_the_dialog():
    nb = notebook(answer("f"), graded_test("f__visible", ("AssertionError", "<b>bold</b>")), written("An answer."))
    entry = summarised({}, check_exercises(nb))["failed"][0]
    assert "<b>bold" not in entry["error"] and "&lt;b&gt;bold" in entry["error"]


def test_all_passing_and_answered_is_nbgraders_success_and_changed_cells_keep_nbgraders_answer():
    nb = notebook(answer("f"), graded_test("f__visible"), written("Because the mean matters."))
    assert summarised({}, check_exercises(nb)) == {}
    changed = {"changed": [{"source": "x"}]}
    assert summarised(changed, check_exercises(NB)) is changed
    assert summary_lines(check_exercises(nb))[-1].startswith("✔ written answer")
