"""The small class of the PostgreSQL and Dask tests (a late answer, a blank notebook, and an intruder whose answer
tries to reach the gradebook's server), and what its grading decided, read back through nbgrader."""

from __future__ import annotations

from conftest import COURSE

from mlmath import answer_bank, nbgrader_cli, notebooks
from mlmath.course import Course
from mlmath.selfcheck import submit

ASSIGNMENT = "ch1_dot_products"
STUDENTS = ["late", "blank", "intruder"]
# The intruder's answer first tries to reach the gradebook's server through its Unix socket, then answers as
# the answer bank's wrong cosine_similarity does (it loses those points).
INTRUDER = "wrong_no_zero_check.py"
ATTEMPT = """import socket as _socket
try:
    _probe = _socket.socket(_socket.AF_UNIX)
    _probe.connect({socket!r})
    print("REACHED the gradebook's server")
except OSError as _error:
    print("could not reach the gradebook's server:", type(_error).__name__)

"""


def make_class(course: Course, socket: str) -> None:
    source = course.source_notebook(ASSIGNMENT)
    submit(course, "late", ASSIGNMENT, source)  # due 2027-02-05 23:59 UTC (course_config.py): two days late
    (course.submitted / "late" / ASSIGNMENT / "timestamp.txt").write_text("2027-02-07 10:00:00.000000 UTC")
    submit(course, "blank", ASSIGNMENT, course.release_notebook(ASSIGNMENT))
    wrong = answer_bank.Answer(ASSIGNMENT, "cosine_similarity",
                               COURSE.root / "tests" / "answers" / ASSIGNMENT / "cosine_similarity" / INTRUDER)
    nb = answer_bank.submission_for(source, wrong)
    cell = notebooks.cells_by_id(nb)["cosine_similarity"]
    cell.source = ATTEMPT.format(socket=socket) + cell.source
    notebooks.write(nb, course.submitted_notebook("intruder", ASSIGNMENT))


def graded_view(course: Course) -> dict:
    """Everything the class's grading decided, read back through nbgrader: scores by cell, and penalties."""
    from nbgrader.api import Gradebook

    scores = {s: {g: c.score for g, c in nbgrader_cli.scores(course, ASSIGNMENT, s).items()} for s in STUDENTS}
    with Gradebook(course.gradebook_url) as gb:
        penalties = {s: gb.find_submission(ASSIGNMENT, s).late_submission_penalty for s in STUDENTS}
        duedate = gb.find_assignment(ASSIGNMENT).duedate
    return {"scores": scores, "penalties": penalties, "duedate": duedate}
