"""An autograde round trip with `mlmath grade` (nbgrader's own autograder in mlmath's workers) on a scratch copy of
the course: the reference solutions earn every autograded point, the untouched student version earns none, and
a deleted test cell is put back and graded."""

from __future__ import annotations

import pytest
from conftest import ASSIGNMENTS, DELETED_TEST, STDERR_WARNING, mlmath

from mlmath import nbgrader_cli, notebooks
from mlmath.grading import records
from mlmath.selfcheck import BLANK, REFERENCE

pytestmark = pytest.mark.slow  # starts kernels: not in `make test-fast`


def autograded(scores):
    return {gid: s for gid, s in scores.items() if s.autograded}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_reference_solution_earns_every_autograded_point(graded, assignment):
    scores = autograded(graded.scores(assignment, REFERENCE))
    assert scores, "the assignment has no autograded tests"
    missed = {gid: f"{s.score}/{s.max_score}" for gid, s in scores.items() if s.score != s.max_score}
    assert not missed, f"the reference solution fails its own tests: {missed}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_sandbox_and_the_test_kernel_cost_a_right_answer_nothing(graded, assignment):
    """Graded by `mlmath grade` with the course's own limits, the reference is graded with no note for a person."""
    record = records.load(graded.course, assignment)[REFERENCE]
    assert (record.status, record.notes) == (records.GRADED, []), record


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_submission_earns_nothing(graded, assignment):
    scores = graded.scores(assignment, BLANK)
    earned = {gid: s.score for gid, s in scores.items() if s.score}
    assert not earned, f"the untouched student version earns points on: {earned}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_deleted_test_cell_is_restored_and_graded(graded, assignment):
    gid = graded.deleted[assignment]
    scores = graded.scores(assignment, DELETED_TEST)
    assert gid in scores, f"the deleted test cell {gid} has no grade"
    # Full marks are only possible if nbgrader put the cell back and ran it against the reference answer.
    assert scores[gid].score == scores[gid].max_score > 0, f"the deleted test cell {gid} was not graded"
    nb = notebooks.read(graded.course.autograded_notebook(DELETED_TEST, assignment))
    assert gid in notebooks.cells_by_id(nb), f"{gid} is missing from the autograded notebook"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_warning_on_stderr_does_not_cost_a_passing_test_its_points(graded, assignment):
    nb = notebooks.read(graded.course.autograded_notebook(STDERR_WARNING, assignment))
    warned = [notebooks.grade_id(c) for c in notebooks.test_cells(nb)
              if "a harmless warning" in str(c.get("outputs"))]
    scores = autograded(graded.scores(assignment, STDERR_WARNING))
    lost = {gid: f"{s.score}/{s.max_score}" for gid, s in scores.items() if s.score != s.max_score}
    assert not lost, f"a correct answer that writes to stderr lost points on: {lost}"
    # course_config.py has nbgrader drop stderr from the graded notebook; kept, it would zero the cell.
    assert not warned, f"stderr text was kept in the graded notebook's test cells: {warned}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_stubs_make_every_visible_test_fail_with_not_implemented(graded, assignment):
    """The blank notebook's visible tests fail because the stubs raise NotImplementedError, not by accident."""
    nb = notebooks.read(graded.course.autograded_notebook(BLANK, assignment))
    cells = notebooks.cells_by_id(nb)
    for function in notebooks.graded_functions(nb):
        outputs = cells[f"{function}__visible"].outputs
        errors = [o for o in outputs if o.output_type == "error"]
        assert errors, f"{function}__visible did not fail on the stub"
        assert any("NotImplementedError" in (e.ename + e.evalue) for e in errors), (
            f"{function}__visible failed with {[e.ename for e in errors]}, not the stub's NotImplementedError"
        )


@pytest.mark.parametrize("student", [REFERENCE, BLANK])
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_test_cell_shows_a_value_nbgrader_would_read_as_a_grade(graded, assignment, student):
    """nbgrader reads a test cell's displayed value as its partial credit: a test cell must display none
    (a trailing `check_float(...)` would score its float; a bare docstring would echo itself)."""
    nb = notebooks.read(graded.course.autograded_notebook(student, assignment))
    shown = [notebooks.grade_id(c) for c in notebooks.test_cells(nb)
             if any(o.output_type == "execute_result" for o in c.outputs)]
    assert not shown, f"test cells that display a value: {shown}"


def test_student_validate_button_agrees(course, tmp_path):
    """The students' Validate button (`mlmath validate`, the same validator) passes the reference, whose lesson
    cells draw into interactive widgets, and plain `nbgrader validate` fails the release.

    One chapter: the button is the same for every notebook, and what it reads of each chapter is checked there
    (test_run_all: every source runs without an error, and every release's visible tests fail, naming the
    exercise). (`validate --invert` cannot pass on the release: a hidden-only test cell has nothing to fail
    until the hidden tests are put back at grading time, which the autograde round trip above checks.)"""
    scratch = course.scratch_copy(tmp_path / "c")
    assignment = ASSIGNMENTS[0]
    run = mlmath(scratch, "validate", str(scratch.source_notebook(assignment)))
    assert run.returncode == 0 and "Success! Your notebook passes all the tests." in run.stdout, (
        run.stdout[-3000:] + run.stderr[-3000:])
    out = nbgrader_cli.run(scratch, "validate", str(scratch.release_notebook(assignment))).stdout
    assert "VALIDATION FAILED ON" in out, out[-3000:]
    assert "Success!" not in out
