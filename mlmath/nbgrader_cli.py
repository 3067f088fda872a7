"""Running the real `nbgrader` command line on a course, and reading the scores in its gradebook."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mlmath.course import Course


class NbgraderError(RuntimeError):
    """An nbgrader command exited non-zero; the message carries the end of its log."""


def environment() -> dict[str, str]:
    """The environment for an nbgrader call: this Python's `bin/` first on PATH (nbgrader runs `alembic`)."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def run(course: Course, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run `nbgrader ARGS...` in the course root and return the finished process (output captured)."""
    proc = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course.root, env=environment(), capture_output=True, text=True,
    )
    if check and proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-30:])
        raise NbgraderError(f"nbgrader {' '.join(args)} exited {proc.returncode}:\n{tail}")
    return proc


@dataclass(frozen=True)
class CellScore:
    grade_id: str
    score: float | None  # None: waits for a person (a manually graded answer)
    max_score: float
    autograded: bool


def scores(course: Course, assignment: str, student: str) -> dict[str, CellScore]:
    """Every graded cell's score for one submission, keyed by grade_id, read from the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(course.gradebook_url) as gb:
        submission = gb.find_submission(assignment, student)
        result = {}
        for nb in submission.notebooks:
            for grade in nb.grades:
                score = grade.manual_score if grade.manual_score is not None else grade.auto_score
                result[grade.name] = CellScore(grade.name, score, grade.max_score, grade.cell.cell_type == "code")
        return result
