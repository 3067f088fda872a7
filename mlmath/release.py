"""Regenerating `release/` from `source/` with nbgrader, and comparing a release with what it should be."""

from __future__ import annotations

import shutil

from mlmath import nbgrader_cli
from mlmath.course import Course


def regenerate(course: Course, assignment: str) -> None:
    """Rebuild `release/<assignment>/` from `source/<assignment>/` with `nbgrader generate_assignment`.

    The old folder is removed first, so a file deleted from the source disappears from the release too.
    """
    shutil.rmtree(course.release / assignment, ignore_errors=True)
    nbgrader_cli.run(course, "generate_assignment", assignment, "--force")
    record_due_date(course, assignment)


def record_due_date(course: Course, assignment: str) -> str | None:
    """Write the assignment's due date (`c.MlmathGrade.due_dates`) into the gradebook, so the Formgrader shows it
    from the release on (not only once `mlmath grade` ran); return it (None if the course sets none)."""
    from mlmath import config
    from mlmath.grading import gradebook

    due = config.settings(course, config.MlmathGrade).due_dates.get(assignment)
    if due:
        gradebook.prepare(course, assignment, due)
    return due
