"""What `mlmath grade` remembers of each submission it graded: its outcome and a fingerprint of its input.

One JSON file per assignment, `autograded/.mlmath/<assignment>.json`, written by the grading process only
(atomically), read by the reports and by the next `mlmath grade` to skip what has not changed.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mlmath import outcomes
from mlmath.course import Course
from mlmath.outcomes import Status

# The statuses (mlmath.outcomes.Status), under the names the grading code has always used.
GRADED, FAILED, TIMED_OUT, LIMITED, CRASHED = (Status.GRADED, Status.FAILED, Status.TIMED_OUT, Status.LIMITED,
                                               Status.CRASHED)
STATUSES = tuple(Status)
STOPPED = outcomes.STOPPED  # graded, but a person should look at why the kernel stopped


@dataclass
class GradeRecord:
    student: str
    assignment: str
    status: Status
    reason: str = ""  # for a person: why it failed or what limit it hit
    fingerprint: str = ""  # hash of the submission's files and the assignment's source
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # other things a person should look at

    def __post_init__(self) -> None:
        self.status = Status(self.status)  # as read from the file: its value


def path(course: Course, assignment: str) -> Path:
    return course.autograded / ".mlmath" / f"{assignment}.json"


def load(course: Course, assignment: str) -> dict[str, GradeRecord]:
    """The records of an assignment by student id ({} before the first grading run)."""
    try:
        raw = json.loads(path(course, assignment).read_text())
    except FileNotFoundError:
        return {}
    return {student: GradeRecord(**record) for student, record in raw.items()}


def save(course: Course, assignment: str, records: dict[str, GradeRecord]) -> None:
    """Write the records atomically: an interrupted run leaves the previous file or the new one, never half."""
    target = path(course, assignment)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".json.tmp")
    raw = {s: dict(asdict(r), status=Status(r.status).value) for s, r in sorted(records.items())}
    tmp.write_text(json.dumps(raw, indent=1))
    os.replace(tmp, target)
