"""A notebook whose nbgrader metadata was lost is rebuilt from the release: each answer goes where it belongs,
the student's other cells are kept, and what cannot be matched is reported, never guessed."""

from __future__ import annotations

import nbformat
import pytest
from conftest import COURSE

from mlmath import notebooks
from mlmath.grading.recovery import defined_names, lost_metadata, rebuild

A = "ch1_dot_products"
RELEASE = notebooks.read(COURSE.release_notebook(A))
SOURCE = notebooks.read(COURSE.source_notebook(A))
FUNCTIONS = notebooks.graded_functions(SOURCE)
ANSWER = "PCA centres the data because the covariance is about spread around the mean."


def fresh(*cells) -> nbformat.NotebookNode:
    """A notebook made with "New notebook": cells without any nbgrader metadata."""
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(c[1]) if c[0] == "md" else nbformat.v4.new_code_cell(c[1]) for c in cells])


def answer(function: str) -> tuple[str, str]:
    return "code", notebooks.cells_by_id(SOURCE)[function].source


def prompt() -> tuple[str, str]:
    return "md", notebooks.cells_by_id(RELEASE)["written_centring_prompt"].source


def by_id(nb) -> dict[str, str]:
    return {notebooks.grade_id(c): c.source for c in nb.cells if notebooks.grade_id(c)}


def test_answers_copied_into_a_fresh_notebook_go_into_their_cells():
    student = fresh(("code", "import numpy as np"), *[answer(f) for f in FUNCTIONS], prompt(), ("md", ANSWER))
    assert lost_metadata(student) and not lost_metadata(RELEASE)
    recovery = rebuild(student, RELEASE)
    cells = by_id(recovery.notebook)
    assert recovery.answered == [*FUNCTIONS, "written_centring"] and not recovery.problems
    assert all(cells[f] == notebooks.cells_by_id(SOURCE)[f].source for f in FUNCTIONS)
    assert cells["written_centring"] == ANSWER
    # the course's own cells, in the release's order, with the student's extra cell before the first answer
    assert [notebooks.grade_id(c) for c in recovery.notebook.cells if notebooks.grade_id(c)] == [
        notebooks.grade_id(c) for c in RELEASE.cells if notebooks.grade_id(c)]
    sources = [c.source for c in recovery.notebook.cells]
    assert sources.index("import numpy as np") == sources.index(cells["dot"]) - 1


def test_a_whole_notebook_copied_without_metadata_is_the_submission_with_metadata():
    student = fresh(*[("md" if c.cell_type == "markdown" else "code", c.source) for c in RELEASE.cells])
    for cell, source in zip(student.cells, RELEASE.cells, strict=True):
        if notebooks.grade_id(source) in FUNCTIONS:
            cell.source = notebooks.cells_by_id(SOURCE)[notebooks.grade_id(source)].source
        elif notebooks.grade_id(source) == "written_centring":
            cell.source = ANSWER
    recovery = rebuild(student, RELEASE)
    assert not recovery.problems
    assert [c.source for c in recovery.notebook.cells] == [c.source for c in student.cells]


def test_a_helper_cell_is_kept_after_the_answer_it_follows():
    helper = ("code", "def _square(v):\n    return v * v\n")
    recovery = rebuild(fresh(answer("dot"), helper, answer("norm")), RELEASE)
    sources = [c.source for c in recovery.notebook.cells]
    assert sources.index(helper[1]) == sources.index(by_id(recovery.notebook)["dot"]) + 1


def test_a_function_defined_twice_is_left_for_a_person():
    second = ("code", "def dot(x, y):\n    return 0.0\n")
    recovery = rebuild(fresh(answer("dot"), answer("norm"), second), RELEASE)
    cells = by_id(recovery.notebook)
    assert cells["dot"] == notebooks.cells_by_id(RELEASE)["dot"].source  # the stub: not guessed
    assert "def dot(x, y):\n    return 0.0" not in "".join(c.source for c in recovery.notebook.cells)
    assert "norm" in recovery.answered and "dot" not in recovery.answered
    assert any(p.startswith("dot is defined in 2 cells (1, 3)") for p in recovery.problems), recovery.problems


def test_what_is_missing_or_renamed_is_reported():
    renamed = ("code", "def Dot(x, y):\n    return sum(a * b for a, b in zip(x, y))\n")
    recovery = rebuild(fresh(renamed, answer("norm")), RELEASE)
    assert recovery.answered == ["norm"]
    assert "no cell defines dot: left unanswered" in recovery.problems
    assert any("written answer" in p for p in recovery.problems)
    assert renamed[1] in [c.source for c in recovery.notebook.cells]  # kept as the student's own cell


def test_nothing_matched_is_nothing_answered():
    recovery = rebuild(fresh(("code", "print('hello')"), ("md", "my notes")), RELEASE)
    assert recovery.answered == [] and len(recovery.problems) == len(FUNCTIONS) + 1


def test_the_written_answer_is_found_by_the_prompt_heading():
    edited = ("md", notebooks.cells_by_id(RELEASE)["written_centring_prompt"].source.splitlines()[0] + "\n(edited)")
    recovery = rebuild(fresh(answer("dot"), edited, ("md", ANSWER), ("md", "And a second paragraph.")), RELEASE)
    assert by_id(recovery.notebook)["written_centring"] == ANSWER + "\n\nAnd a second paragraph."


def test_an_answer_below_the_prompt_in_the_same_cell_is_found():
    text = prompt()[1] + "\n\n" + ANSWER
    recovery = rebuild(fresh(answer("dot"), ("md", text)), RELEASE)
    assert by_id(recovery.notebook)["written_centring"] == ANSWER


def test_a_cell_defining_two_functions_answers_both():
    both = ("code", answer("dot")[1] + "\n\n" + answer("norm")[1])
    recovery = rebuild(fresh(both), RELEASE)
    assert recovery.answered[:2] == ["dot", "norm"]
    assert by_id(recovery.notebook)["dot"] == both[1]


@pytest.mark.parametrize("source, names", [
    ("def dot(x, y):\n    return 0\n\nclass A:\n    def norm(self): pass\n", ["dot", "A"]),
    ("def dot(x, y)\n    return 0\n", ["dot"]),  # does not parse: found line by line
    ("x = 1\n", []),
])
def test_defined_names(source, names):
    assert defined_names(source) == names
