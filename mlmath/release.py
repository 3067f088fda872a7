"""Regenerating `release/` from `source/` with nbgrader, and comparing a release with what it should be."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from mlmath.course import Course


class ReleaseError(RuntimeError):
    """nbgrader could not generate an assignment's release; the message is the last line of its log."""


def regenerate(course: Course, assignment: str) -> None:
    """Rebuild `release/<assignment>/` from `source/<assignment>/` with nbgrader's generate_assignment.

    The old folder is removed first, so a file deleted from the source disappears from the release too.
    """
    shutil.rmtree(course.release / assignment, ignore_errors=True)
    generate(course, assignment)
    record_due_date(course, assignment)


def generate(course: Course, assignment: str) -> None:
    """`nbgrader generate_assignment ASSIGNMENT --force` through nbgrader's Python API, in this process (the same
    converter and configuration as the command line, without starting nbgrader once per assignment: about 2 CPU-s
    each). ReleaseError, with nbgrader's last line, if it failed."""
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from mlmath import config

    with working_directory(course.root):  # as the command line runs: course_config.py may name relative paths
        settings = config.load(course)
        api = NbGraderAPI(CourseDirectory(config=settings, root=str(course.root)), config=settings)
        result = api.generate_assignment(assignment, force=True, create=True)
    if not result.get("success"):
        lines = [line for line in (result.get("error") or result.get("log") or "").splitlines() if line.strip()]
        raise ReleaseError((lines or ["nbgrader failed without a message"])[-1])


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def record_due_date(course: Course, assignment: str) -> str | None:
    """Write the assignment's due date (`c.MlmathGrade.due_dates`) into the gradebook, so the Formgrader shows it
    from the release on (not only once `mlmath grade` ran); return it (None if the course sets none)."""
    from mlmath import config
    from mlmath.grading import gradebook

    due = config.settings(course, config.MlmathGrade).due_dates.get(assignment)
    if due:
        gradebook.prepare(course, assignment, due)
    return due
