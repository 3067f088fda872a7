"""The student version's named stubs and tagged test cells, made by nbgrader's own generate_assignment
preprocessors on a small notebook (no kernel)."""

from __future__ import annotations

import nbformat
import pytest
from nbgrader.preprocessors import ClearSolutions

from mlmath import student_version
from mlmath.course import Course, find_root


def cell(kind, source, **nbgrader):
    new = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    made = new(source)
    if nbgrader:
        made.metadata["nbgrader"] = {"schema_version": 3, "locked": False, "grade": False, "solution": False,
                                     **nbgrader}
    return made


def small_notebook():
    return nbformat.v4.new_notebook(cells=[
        cell("markdown", "# A chapter\n\nText."),
        cell("markdown", "### Exercise 1 — `dot(x, y)` (2 points)\n\nWrite it.", grade_id="dot_prompt", locked=True),
        cell("code", 'def dot(x, y):\n    """Doc."""\n    ### BEGIN SOLUTION\n    return 1.0\n    ### END SOLUTION\n',
             grade_id="dot", solution=True),
        cell("code", "assert dot(1, 2) == 1.0", grade_id="dot__visible", grade=True, points=1, locked=True),
        cell("markdown", "### Exercise 2 — written\n\nWhy?", grade_id="why_prompt", locked=True),
        cell("markdown", "Because.", grade_id="why", grade=True, solution=True, points=1),
        cell("markdown", "## More lesson, then an exercise without a heading of its own"),
        cell("code", "def helper():\n    ### BEGIN SOLUTION\n    pass\n    ### END SOLUTION\n",
             grade_id="helper", solution=True),
        cell("code", "print(dot(1, 2))"),
    ])


def generate(nb):
    resources = {}
    for step in (ClearSolutions(code_stub={"python": "# YOUR CODE HERE\nraise NotImplementedError()"}),
                 student_version.NameStubs(), student_version.TagTestCells()):
        nb, resources = step.preprocess(nb, resources)
    return nb


def test_each_stub_names_its_exercise_by_the_heading_above_it():
    nb = generate(small_notebook())
    stub = 'raise NotImplementedError("Exercise 1 is not done yet: write `dot` in its answer cell")'
    assert stub in nb.cells[2].source
    assert "# YOUR CODE HERE" in nb.cells[2].source and "return 1.0" not in nb.cells[2].source
    namespace = {}
    exec(nb.cells[2].source, namespace)
    with pytest.raises(NotImplementedError, match=r"^Exercise 1 is not done yet: write `dot` in its answer cell$"):
        namespace["dot"](1, 2)


def test_an_answer_under_no_heading_of_its_own_keeps_the_last_exercise_number():
    nb = generate(small_notebook())
    stub = 'NotImplementedError("Exercise 2 is not done yet: write `helper` in its answer cell")'
    assert stub in nb.cells[7].source


def test_a_notebook_without_exercise_headings_counts_its_answer_cells():
    nb = small_notebook()
    nb.cells[1].source = "Write dot."
    nb.cells[4].source = "Why?"
    found = student_version.exercises(nb)
    assert found == {2: (1, "dot"), 7: (3, "helper")}  # the written answer is the second answer cell


def test_only_autograded_test_cells_get_the_raises_exception_tag():
    nb = generate(small_notebook())
    tagged = [i for i, c in enumerate(nb.cells) if student_version.RAISES_EXCEPTION in c.metadata.get("tags", [])]
    assert tagged == [3]
    nb = student_version.TagTestCells().preprocess(nb, {})[0]  # twice: still one tag
    assert nb.cells[3].metadata.tags == [student_version.RAISES_EXCEPTION]


def test_the_message_is_configurable():
    nb = ClearSolutions(code_stub={"python": "raise NotImplementedError()"}).preprocess(small_notebook(), {})[0]
    nb = student_version.NameStubs(message="Do exercise {number} ({name})").preprocess(nb, {})[0]
    assert 'raise NotImplementedError("Do exercise 1 (dot)")' in nb.cells[2].source


def test_generate_assignment_runs_them_right_after_clear_solutions():
    names = [p if isinstance(p, str) else p.__name__ for p in student_version.preprocessors()]
    at = names.index("ClearSolutions")
    assert names[at + 1:at + 3] == ["mlmath.student_version.NameStubs", "mlmath.student_version.TagTestCells"]
    assert names.index("ComputeChecksums") > at + 2  # the checksums are of the student version's stubs


@pytest.mark.parametrize("assignment", Course(find_root()).assignments())
def test_every_answer_cell_of_the_course_has_the_number_of_its_prompt(assignment):
    import re

    course = Course(find_root())
    nb = nbformat.read(str(course.source_notebook(assignment)), as_version=4)
    for index, (number, name) in student_version.exercises(nb).items():
        above = "\n".join(c.source for c in nb.cells[:index] if c.cell_type == "markdown")
        headings = re.findall(r"^#+\s*Exercise\s+(\d+)\b.*$", above, re.MULTILINE)
        assert headings and int(headings[-1]) == number, f"{assignment}: {name} is not under its Exercise heading"
        assert f"`{name}" in [m for m in re.findall(r"^#+\s*Exercise.*$", above, re.MULTILINE)][-1], (
            f"{assignment}: the last Exercise heading above {name}'s answer cell does not name it")
