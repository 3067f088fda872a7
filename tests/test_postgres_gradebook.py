"""A PostgreSQL gradebook (`c.CourseDirectory.db_url`): a small class released, graded by `mlmath grade` two at
a time, given feedback, reported and exported against a real PostgreSQL server (tests/pg_server.py) gets the
same scores, penalties and exports as its twin graded into the default SQLite gradebook, and nothing falls back
to a SQLite file."""

from __future__ import annotations

import pytest
from conftest import COURSE, mlmath

from mlmath import answer_bank, nbgrader_cli, notebooks
from mlmath.course import Course
from mlmath.selfcheck import submit

pytestmark = pytest.mark.slow  # starts kernels

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


@pytest.fixture(scope="module")
def twins(tmp_path_factory, postgres):
    """The same class run through every step on a course whose gradebook is PostgreSQL and on one with the
    default SQLite gradebook; each step's output kept."""
    url = postgres.create_database("twins")
    on_postgres = COURSE.scratch_copy(tmp_path_factory.mktemp("postgres"), with_release=False, db_url=url)
    on_sqlite = COURSE.scratch_copy(tmp_path_factory.mktemp("sqlite"), with_release=False)
    runs = {}
    for name, course in (("postgres", on_postgres), ("sqlite", on_sqlite)):
        steps = [("release", ASSIGNMENT), ("grade", ASSIGNMENT, "--jobs", "2"), ("feedback", ASSIGNMENT),
                 ("report", ASSIGNMENT), ("export", "--output", str(course.root / "exports"))]
        runs[name] = {}
        for step in steps:
            runs[name][step[0]] = proc = mlmath(course, *step)
            assert proc.returncode == 0, f"{name}: mlmath {' '.join(step)}:\n{proc.stdout}\n{proc.stderr}"
            if step[0] == "release":
                make_class(course, str(postgres.folder / ".s.PGSQL.5432"))
    return on_postgres, on_sqlite, runs


def test_the_course_reads_its_gradebook_from_the_config(twins, postgres):
    on_postgres, on_sqlite, _ = twins
    assert on_postgres.gradebook_url.startswith("postgresql+psycopg://") and on_postgres.gradebook_file is None
    assert on_sqlite.gradebook_file == on_sqlite.root / "gradebook.db"


def test_nothing_falls_back_to_sqlite(twins, postgres):
    on_postgres, on_sqlite, _ = twins
    assert not list(on_postgres.root.rglob("*.db")), "a SQLite file appeared in the PostgreSQL course"
    assert (on_sqlite.root / "gradebook.db").is_file()
    # the server itself holds the class, counted without nbgrader
    rows = postgres.query("twins", "SELECT student_id FROM submitted_assignment ORDER BY student_id")
    assert [r[0] for r in rows] == sorted(STUDENTS)


def test_postgres_grades_exactly_as_sqlite(twins):
    on_postgres, on_sqlite, _ = twins
    ours, reference = graded_view(on_postgres), graded_view(on_sqlite)
    assert ours == reference
    full = sum(s for s in ours["scores"]["late"].values() if s)
    assert full > 0 and ours["penalties"]["late"] == pytest.approx(0.2 * full)  # two started days at 10 %
    assert sum(s for s in ours["scores"]["blank"].values() if s) == 0
    lost = [g for g, s in ours["scores"]["intruder"].items() if g.startswith("cosine_similarity") and s == 0]
    assert lost, ours["scores"]["intruder"]  # the bank's wrong answer is caught on PostgreSQL as on SQLite


def test_feedback_report_and_export_match(twins):
    on_postgres, on_sqlite, runs = twins
    for name in ("grades.csv", "tests.csv"):
        assert (on_postgres.root / "exports" / name).read_text() == (on_sqlite.root / "exports" / name).read_text()
    for student in STUDENTS:
        assert (on_postgres.root / "feedback" / student / ASSIGNMENT / "feedback.html").is_file()
    assert (on_postgres.root / "reports" / f"{ASSIGNMENT}.html").is_file()
    assert runs["postgres"]["grade"].stdout.split("\n  log")[0] == runs["sqlite"]["grade"].stdout.split("\n  log")[0]


def test_a_sandboxed_answer_cannot_reach_the_gradebook_server(twins):
    on_postgres, _, _ = twins
    cell = notebooks.cells_by_id(notebooks.read(on_postgres.autograded_notebook("intruder", ASSIGNMENT)))
    said = "".join(o.get("text", "") for o in cell["cosine_similarity"].outputs)
    assert "could not reach the gradebook's server" in said and "REACHED" not in said, said


def test_an_unreachable_server_is_a_clear_error(postgres, tmp_path):
    missing = postgres.url("twins").replace(str(postgres.folder), str(tmp_path))  # no server listens there
    course = COURSE.scratch_copy(tmp_path / "course", db_url=missing)
    submit(course, "late", ASSIGNMENT, course.source_notebook(ASSIGNMENT))
    for step in (("grade", ASSIGNMENT), ("report", ASSIGNMENT), ("export",)):
        proc = mlmath(course, *step)
        assert proc.returncode != 0 and "cannot open the gradebook postgresql+psycopg://" in proc.stderr, (
            step, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr, proc.stderr
