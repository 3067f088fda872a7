"""One grading worker: a process that imports nbgrader once and then autogrades submissions one at a time
with nbgrader's own Autograde converter (through nbgrader's Python API, as `nbgrader autograde` would)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from mlmath.course import Course
from mlmath.grading import records
from mlmath.grading.gradebook import wait_for_locks

_api = None  # this worker's NbGraderAPI, made once by `start`


@dataclass(frozen=True)
class Outcome:
    student: str
    status: str  # records.GRADED, FAILED or TIMED_OUT
    reason: str
    seconds: float


def start(root: str) -> None:
    """Initialise a worker process: nbgrader's API on the course's configuration (paid once per worker)."""
    global _api
    os.chdir(root)
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from mlmath import config

    wait_for_locks()
    settings = config.load(Course(Path(root)))
    _api = NbGraderAPI(CourseDirectory(config=settings), config=settings)


def grade(root: str, assignment: str, student: str) -> Outcome:
    """Autograde one student's submission; never raises for a bad submission (the outcome says why)."""
    started = time.perf_counter()
    course = Course(Path(root))
    problem = check_submission(course, assignment, student)
    if problem:
        return Outcome(student, records.FAILED, problem, time.perf_counter() - started)
    result = _api.autograde(assignment, student, force=True, create=True)
    seconds = time.perf_counter() - started
    if not result.get("success"):
        return Outcome(student, records.FAILED, nbgrader_error(result), seconds)
    timed_out = timed_out_cells(course.autograded_notebook(student, assignment))
    if timed_out:
        reason = f"stopped by the time limit per cell in: {', '.join(timed_out)}"
        return Outcome(student, records.TIMED_OUT, reason, seconds)
    return Outcome(student, records.GRADED, "", seconds)


def check_submission(course: Course, assignment: str, student: str) -> str:
    """Why this submission cannot be graded, in words for a person ("" when it can)."""
    path = course.submitted_notebook(student, assignment)
    if not path.is_file():
        others = sorted(p.name for p in path.parent.glob("*.ipynb"))
        found = f"found {', '.join(others)}" if others else "found no notebook at all"
        return f"no {path.name} in the submission ({found})"
    if path.stat().st_size == 0:
        return f"{path.name} is empty"
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as error:  # nbformat raises many kinds for a corrupt file; each is this student's problem
        return f"{path.name} is not a readable notebook: {type(error).__name__}: {str(error)[:200]}"
    if not nb.cells:
        return f"{path.name} has no cells"
    return ""


def nbgrader_error(result: dict) -> str:
    """The last meaningful line of an nbgrader failure: what a person needs to see first."""
    text = (result.get("error") or "") + "\n" + (result.get("log") or "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "error" in line]
    return (errors or lines or ["nbgrader failed without a message"])[-1][:300]


def timed_out_cells(path: Path) -> list[str]:
    """The cells of a graded notebook that a time limit stopped (nbgrader records a CellTimeoutError)."""
    if not path.is_file():
        return []
    nb = nbformat.read(str(path), as_version=4)
    stopped = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.get("ename") in ("CellTimeoutError", "TimeoutError"):
                grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                stopped.append(grade_id or f"cell {index}")
    return stopped
