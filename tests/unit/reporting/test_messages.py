"""What feedback and reports say about a failed test: never what an answer chose to put into a hidden test's
message, and for a test that a limit or crash stopped, the grader's own recorded words and hint."""

from __future__ import annotations

import nbformat
import pytest

from mlmath import notebooks, outcomes
from mlmath.course import Course
from mlmath.outcomes import Stop, StopKind
from mlmath.reporting import feedback, results
from mlmath.reporting.results import ReadOnlyCells

HELPERS = "def check_close(got, expected, what):\n    assert abs(got - expected) < 1e-6, f'{what} is not close'\n"
HIDDEN = ("'''dot of random vectors'''\n### BEGIN HIDDEN TESTS\nrng = np.random.default_rng(7)\n"
          "check_close(dot(a, b), 12.5, 'dot of two random arrays')\n### END HIDDEN TESTS\n")
VISIBLE = "assert dot([1, 2], [3, 4]) == 11, 'dot of [1, 2] and [3, 4] is wrong'\n"


def cell(source: str, grade_id: str, count: int, **meta) -> nbformat.NotebookNode:
    new = nbformat.v4.new_code_cell(source, execution_count=count)
    new.metadata["nbgrader"] = {"grade_id": grade_id, **meta}
    return new


def error(ename: str, evalue: str, *frames: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                  traceback=["\x1b[0;31m---------\x1b[0m", *frames, f"{ename}: {evalue}"])


def notebook(hidden_outputs=(), visible_outputs=()) -> nbformat.NotebookNode:
    hidden = cell(HIDDEN, "dot__hidden", 5, grade=True, locked=True, points=2)
    hidden.outputs = list(hidden_outputs)
    visible = cell(VISIBLE, "dot__visible", 4, grade=True, locked=True, points=1)
    visible.outputs = list(visible_outputs)
    return nbformat.v4.new_notebook(cells=[
        cell(HELPERS, "helpers", 1, locked=True),
        cell("def dot(a, b):\n    return 0\n", "dot", 3, solution=True),
        visible, hidden,
    ])


def hidden_message(nb) -> str:
    test = nb.cells[3]
    return results.hidden_test_message(test, results.error_message(test), ReadOnlyCells.of(nb))


def test_a_helpers_message_keeps_only_the_words_and_numbers_of_the_tests():
    nb = notebook([error("AssertionError", "dot of two random arrays 98765.4321 is not close",
                         "Cell In[5], line 4", "Cell In[1], line 2, in check_close(got, expected, what)")])
    assert hidden_message(nb) == "AssertionError: dot of two random arrays ? is not close"


def test_an_error_the_answer_raised_shows_only_its_type():
    nb = notebook([error("ValueError", "secret 98765", "Cell In[5], line 4", "Cell In[3], line 2, in dot(a, b)")])
    assert hidden_message(nb) == "ValueError: (raised by your code; for a hidden test its message is not shown)"
    nb = notebook([error("MyOwnError", "secret", "Cell In[5], line 4", "Cell In[3], line 2, in dot(a, b)")])
    assert hidden_message(nb).startswith("an error:") and "secret" not in hidden_message(nb)


def test_an_answer_cannot_pass_as_the_grader_by_the_name_of_its_error():
    nb = notebook([error("LimitExceeded", "secret 98765", "Cell In[5], line 4", "Cell In[3], line 2, in dot(a, b)")])
    assert "98765" not in hidden_message(nb)


def test_error_messages_lose_their_ansi_codes():
    test = notebook(visible_outputs=[error("AssertionError", "\x1b[0;31mdot is wrong\x1b[0m")]).cells[2]
    assert results.error_message(test) == "AssertionError: dot is wrong"


def write_graded(tmp_path, nb) -> Course:
    course = Course(tmp_path)
    notebooks.write(nb, course.autograded_notebook("s1", "ch1"))
    return course


def test_a_stopped_test_says_what_the_grader_recorded_not_what_its_error_says(tmp_path):
    stop = Stop(StopKind.KERNEL_DIED, "the kernel stopped (killed by SIGSEGV)", "dot__visible")
    nb = notebook(hidden_outputs=[error("KernelDied", "secret 98765 from the answer")],
                  visible_outputs=[error("KernelDied", "the kernel stopped while running this cell")])
    outcomes.record(nb.cells[2], stop)
    outcomes.record(nb.cells[3], Stop(stop.kind, stop.detail, stop.cell, ran=False))
    found = results.test_outcomes(write_graded(tmp_path, nb), "s1", "ch1")
    assert found["dot__visible"] == ("the kernel stopped (killed by SIGSEGV)", stop)
    message, hidden_stop = found["dot__hidden"]
    assert message == "not run: the kernel stopped (killed by SIGSEGV) in dot__visible" and not hidden_stop.ran


def test_an_unstopped_test_keeps_its_filtered_message(tmp_path):
    nb = notebook(hidden_outputs=[error("ValueError", "secret", "Cell In[5], line 4", "Cell In[3], line 2, in dot(a)")])
    found = results.test_outcomes(write_graded(tmp_path, nb), "s1", "ch1")
    assert found["dot__hidden"][1] is None and "secret" not in found["dot__hidden"][0]
    assert found["dot__visible"] == ("", None)


def failed(message: str = "", stop: Stop | None = None) -> results.TestResult:
    return results.TestResult("dot__hidden", "what it checks", 0.0, 1.0, message, stop)


@pytest.mark.parametrize(("stop", "hint"), [
    (Stop(StopKind.CELL_TIME, "the time limit per cell (60 s)", "x"), feedback.TIMEOUT_HINT),
    (Stop(StopKind.NOTEBOOK_TIME, "the time limit per notebook (300 s)", "x"), feedback.TIMEOUT_HINT),
    (Stop(StopKind.LIMIT, "the memory limit", "x"), feedback.LIMIT_HINT),
    (Stop(StopKind.KERNEL_DIED, "the kernel stopped (exited with status 0)", "x"), feedback.CRASH_HINT),
    (Stop(StopKind.KERNEL_DIED, "the kernel stopped (exited with status 0)", "x", ran=False), feedback.NOT_RUN_HINT),
    (Stop(StopKind.CELL_TIME, "the time limit per cell (60 s)", "x", ran=False), feedback.NOT_RUN_HINT),
])
def test_the_hint_of_a_stopped_test_comes_from_its_stop(stop, hint):
    assert feedback.hint(failed("LimitExceeded: whatever the words", stop)) == hint
    assert failed(stop=stop).timed_out is stop.timed


@pytest.mark.parametrize(("message", "hint"), [
    ("NotImplementedError", feedback.HINTS["NotImplementedError"]),
    ("AssertionError: expected ValueError, got NotImplementedError", feedback.HINTS["NotImplementedError"]),
    ("TypeError: dot() takes 2 positional arguments", feedback.HINTS["TypeError"]),
    ("KernelDied: the time limit per cell, a limit", feedback.OTHER_HINT),  # words are not a stop
    ("CellTimeoutError", feedback.OTHER_HINT),
])
def test_the_hint_of_an_ordinary_failure_comes_from_its_error(message, hint):
    assert feedback.hint(failed(message)) == hint
