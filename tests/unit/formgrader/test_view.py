"""The Formgrader's grading page (mlmath.formgrader.view): each written answer followed by its rubric, the lesson
hidden, no hidden test; and a rubric never reaching a student's feedback. On the real course's notebooks,
by structure only (grade_ids and cell types, never lesson text)."""

from __future__ import annotations

import copy

import pytest

from mlmath import notebooks
from mlmath.course import Course, find_root
from mlmath.formgrader.view import LABEL, GradersView, for_graders, graders_cells
from mlmath.reporting.safe_feedback import SafeFeedback

COURSE = Course(find_root())
ASSIGNMENTS = COURSE.assignments()


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_written_answer_is_followed_by_its_rubric_from_source(assignment):
    source = notebooks.read(COURSE.source_notebook(assignment))
    release = notebooks.read(COURSE.release_notebook(assignment))
    cells = graders_cells(copy.deepcopy(release), source)
    manual = [i for i, c in enumerate(cells) if notebooks.is_manual(c)]
    assert manual, "no written question"
    for i in manual:
        rubric = cells[i + 1]
        assert for_graders(rubric) and LABEL in rubric.source
        model = notebooks.cells_by_id(source)[notebooks.grade_id(cells[i])].source
        assert model in rubric.source
    assert sum(map(for_graders, cells)) == len(manual)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_lesson_cells_are_hidden_and_every_graded_cell_and_prompt_stays(assignment):
    source = notebooks.read(COURSE.source_notebook(assignment))
    release = notebooks.read(COURSE.release_notebook(assignment))
    cells = graders_cells(copy.deepcopy(release), source)
    lessons = [c for c in release.cells if not notebooks.grade_id(c)]
    assert lessons
    shown = [c for c in cells if not notebooks.grade_id(c) and not c.metadata.get("mlmath")]
    assert shown == [], "a lesson cell is still on the grading page"
    notes = [c.metadata["mlmath"]["hidden_lesson"] for c in cells if "hidden_lesson" in c.metadata.get("mlmath", {})]
    assert sum(notes) == len(lessons) + sum(1 for c in release.cells if notebooks.grade_id(c) in ("setup", "checks"))
    kept = [notebooks.grade_id(c) for c in cells if notebooks.grade_id(c)]
    expected = [notebooks.grade_id(c) for c in release.cells
                if notebooks.grade_id(c) and notebooks.grade_id(c) not in ("setup", "checks")]
    assert kept == expected


def test_a_cell_the_student_added_stays_on_the_grading_page():
    assignment = ASSIGNMENTS[0]
    source = notebooks.read(COURSE.source_notebook(assignment))
    release = notebooks.read(COURSE.release_notebook(assignment))
    import nbformat

    mine = nbformat.v4.new_code_cell("my_experiment = 42")
    release.cells.append(mine)
    assert mine in graders_cells(release, source)


def test_the_view_acts_only_on_the_formgraders_page():
    assignment = ASSIGNMENTS[0]
    release = notebooks.read(COURSE.release_notebook(assignment))
    before = copy.deepcopy(release)
    for resources in ({}, {"nbgrader": {"assignment": assignment}, "submission_id": "x"}):
        nb, _ = GradersView().preprocess(copy.deepcopy(release), dict(resources))
        assert nb == before, f"changed a page rendered with {resources}"


def test_safe_feedback_drops_a_cell_marked_for_graders():
    assignment = ASSIGNMENTS[0]
    source = notebooks.read(COURSE.source_notebook(assignment))
    release = notebooks.read(COURSE.release_notebook(assignment))
    release.cells = graders_cells(release, source)
    assert any(map(for_graders, release.cells))
    nb, _ = SafeFeedback().preprocess(release, {})
    assert not any(map(for_graders, nb.cells))
    assert LABEL not in "".join(c.source for c in nb.cells)


def test_on_the_formgraders_page_the_view_reads_the_rubric_from_the_courses_source():
    from traitlets.config import Config

    assignment = ASSIGNMENTS[0]
    release = notebooks.read(COURSE.release_notebook(assignment))
    view = GradersView(config=Config({"CourseDirectory": {"root": str(COURSE.root)}}))
    resources = {"submission_id": "x", "assignment_id": assignment, "notebook_id": assignment}
    nb, _ = view.preprocess(release, resources)
    assert sum(map(for_graders, nb.cells)) == sum(map(notebooks.is_manual, nb.cells)) >= 1
