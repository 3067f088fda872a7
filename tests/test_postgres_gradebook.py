"""A PostgreSQL gradebook (`c.CourseDirectory.db_url`): a small class released, graded by `mlmath grade` two at
a time, given feedback, reported and exported against a real PostgreSQL server (tests/pg_server.py) gets the
same scores, penalties and exports as its twin graded into the default SQLite gradebook, and nothing falls back
to a SQLite file."""

from __future__ import annotations

import pytest
from conftest import COURSE, every_step, mlmath
from small_class import ASSIGNMENT, STUDENTS, graded_view

from mlmath import notebooks
from mlmath.selfcheck import submit

pytestmark = pytest.mark.slow  # starts kernels

@pytest.fixture(scope="module")
def twins(tmp_path_factory, postgres, sqlite_twin):
    """The same class run through every step on a course whose gradebook is PostgreSQL and on one with the
    default SQLite gradebook (conftest's `sqlite_twin`, shared with the Dask tests); each step's output kept."""
    url = postgres.create_database("twins")
    on_postgres = COURSE.scratch_copy(tmp_path_factory.mktemp("postgres"), with_release=False, db_url=url)
    on_sqlite, sqlite_runs = sqlite_twin
    return on_postgres, on_sqlite, {"postgres": every_step(on_postgres, postgres), "sqlite": sqlite_runs}


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
