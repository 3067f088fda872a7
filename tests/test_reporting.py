"""`mlmath feedback`, `mlmath export` and `mlmath report`, run for real on copies of the graded scratch course.

The shared `graded` course is never changed: the tests copy it, then give the copy a late submission, a
written answer graded by a person, a student output with markup (and a traceback and printed output
that must not be shown), and grading records with a failed, a timed-out and a noted submission.
"""

from __future__ import annotations

import csv
import datetime
import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from conftest import ASSIGNMENTS, EDITED, GRADED_STUDENTS, grade_written, hidden_lines, mlmath
from nbgrader.api import Gradebook

from mlmath import nbgrader_cli, notebooks
from mlmath.course import Course
from mlmath.grading import records
from mlmath.selfcheck import BLANK, REFERENCE

pytestmark = pytest.mark.slow  # starts kernels: not in `make test-fast`

FIRST = ASSIGNMENTS[0]  # the assignment the copy changes; the others stay as graded
LATE_PENALTY = 2.5
MANUAL_SCORE = 1.5
COMMENT = "Good start, but <b>say why</b> the mean matters & more."
SCRIPT = "<script>alert('pwned')</script>"
SECRET_OUTPUT = "expected 98765.4321 exactly"  # printed output of a test cell: never shown
GHOST = "ghost"  # known to the grading records only: its file could not be graded
FAILED_REASON = "not a notebook: the file is not valid JSON"
TIMEOUT_REASON = "stopped by the time limit per cell in: dot__hidden_random"
NOTE = "identical to the submission of blank"


def ok(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


# --- what must never be shown ---------------------------------------------------------------------------


def page_text(path: Path) -> str:
    """The page as a reader sees it: markup removed, entities decoded."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'src="data:image/png;base64,[^"]*"', "", text)
    return html.unescape(re.sub(r"<[^>]+>", "\n", text))


def words(path: Path) -> str:
    """The page's text with all whitespace collapsed to single spaces."""
    return " ".join(page_text(path).split())


def assert_no_leak(path: Path, assignment: str, course: Course) -> None:
    raw = path.read_text(encoding="utf-8")
    text = page_text(path)
    shown = [line for line in hidden_lines(notebooks.read(course.source_notebook(assignment)))
             if line in text or line in raw]
    assert not shown, f"{path} shows hidden test source: {shown[:5]}"
    for forbidden in ("Traceback", "### BEGIN HIDDEN TESTS", "\x1b[", SECRET_OUTPUT, "98765"):
        assert forbidden not in raw and forbidden not in text, f"{path} shows {forbidden!r}"


# --- the changed copy --------------------------------------------------------------------------------------


def make_late(course: Course, assignment: str, student: str, penalty: float) -> None:
    with Gradebook(course.gradebook_url) as gb:
        due = datetime.datetime(2027, 2, 1, 23, 59)
        gb.update_or_create_assignment(assignment, duedate=due)
        sub = gb.find_submission(assignment, student)
        sub.timestamp = due + datetime.timedelta(days=1, hours=3)
        sub.notebooks[0].late_submission_penalty = penalty
        gb.db.commit()


def inject_outputs(course: Course, assignment: str, student: str) -> str:
    """Give the first test of the graded notebook an error with markup, a traceback and a printed secret."""
    path = course.autograded_notebook(student, assignment)
    nb = notebooks.read(path)
    cell = notebooks.test_cells(nb)[0]
    secret_line = sorted(hidden_lines(notebooks.read(course.source_notebook(assignment))))[0]
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=SECRET_OUTPUT + "\n"),
        nbformat.v4.new_output("error", ename="ValueError", evalue=f"\x1b[0;31m{SCRIPT}\x1b[0m",
                               traceback=["\x1b[0;31mTraceback (most recent call last)\x1b[0m", secret_line]),
    ]
    notebooks.write(nb, path)
    return notebooks.grade_id(cell)


def write_records(course: Course, assignment: str) -> None:
    rec = records.GradeRecord
    records.save(course, assignment, {
        REFERENCE: rec(REFERENCE, assignment, records.GRADED, notes=[NOTE]),
        BLANK: rec(BLANK, assignment, records.TIMED_OUT, TIMEOUT_REASON),
        EDITED: rec(EDITED, assignment, records.GRADED),
        GHOST: rec(GHOST, assignment, records.FAILED, FAILED_REASON),
    })


@dataclass
class Reported:
    course: Course
    injected: str  # grade_id of the test whose output was replaced for BLANK in FIRST
    written: str  # grade_id of the written question graded by a person for REFERENCE in FIRST
    runs: dict[str, subprocess.CompletedProcess]


@pytest.fixture(scope="module")
def reported(graded, tmp_path_factory) -> Reported:
    course = Course(tmp_path_factory.mktemp("reporting") / "course")
    shutil.copytree(graded.course.root, course.root)
    make_late(course, FIRST, REFERENCE, LATE_PENALTY)
    written = grade_written(course, FIRST, REFERENCE, MANUAL_SCORE, COMMENT)
    injected = inject_outputs(course, FIRST, BLANK)
    write_records(course, FIRST)
    runs = {"export": ok(mlmath(course, "export"))}
    for assignment in ASSIGNMENTS:
        runs[f"feedback {assignment}"] = ok(mlmath(course, "feedback", assignment))
        runs[f"report {assignment}"] = ok(mlmath(course, "report", assignment))
    return Reported(course, injected, written, runs)


def feedback_page(rep: Reported, student: str, assignment: str) -> Path:
    return rep.course.root / "feedback" / student / assignment / "feedback.html"


def report_page(rep: Reported, assignment: str) -> Path:
    return rep.course.root / "reports" / f"{assignment}.html"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# --- feedback ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_page_for_every_graded_student_and_none_for_a_failed_one(reported, assignment):
    for student in GRADED_STUDENTS:
        assert feedback_page(reported, student, assignment).is_file(), f"no feedback for {student}"
    assert not (reported.course.root / "feedback" / GHOST).exists()


@pytest.mark.parametrize("assignment", ASSIGNMENTS[1:])
def test_feedback_shows_full_marks_for_the_reference(reported, graded, assignment):
    scores = graded.scores(assignment, REFERENCE)
    auto_max = sum(s.max_score for s in scores.values() if s.autograded)
    total = sum(s.max_score for s in scores.values())
    path = feedback_page(reported, REFERENCE, assignment)
    assert f"Total: {auto_max:g} / {total:g} points" in words(path)
    assert 'class="fail"' not in path.read_text(encoding="utf-8"), "a test of the reference shows as failed"
    assert "Waiting to be graded by a person" in words(path)  # the reference answered the written question


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_for_blank_shows_what_each_test_checks_and_why_it_failed(reported, assignment):
    path = feedback_page(reported, BLANK, assignment)
    text = words(path)
    release = notebooks.read(reported.course.release_notebook(assignment))
    for cell in notebooks.test_cells(release):
        checks = " ".join(cell.source.split('"""')[1].split())
        assert checks in text, f"the description of {notebooks.grade_id(cell)} is missing"
    assert "Total: 0 / " in text
    assert "NotImplementedError" in text and "replace the stub" in text
    assert "No answer was given" in text
    assert 'class="pass"' not in path.read_text(encoding="utf-8"), "a test of the blank shows as passed"


def test_feedback_shows_the_failed_check_message_escaped_without_traceback_or_output(reported):
    path = feedback_page(reported, BLANK, FIRST)
    raw, text = path.read_text(encoding="utf-8"), words(path)
    assert "<script" not in raw, "a student's output was put in the page unescaped"
    assert html.escape(SCRIPT) in raw
    assert f"ValueError: {SCRIPT}" in text, "the failed check's message (ename: evalue) is missing"
    # A real check message: the blank's errors test expected a ValueError and got the stub's error.
    assert "should raise ValueError" in text


def test_feedback_shows_late_penalty_and_the_persons_grade_and_comment(reported):
    text = words(feedback_page(reported, REFERENCE, FIRST))
    assert "1 day 3 h after the deadline: a late penalty of 2.5 points" in text
    assert f"{MANUAL_SCORE:g} / 2 points" in text and "say why" in text
    raw = feedback_page(reported, REFERENCE, FIRST).read_text(encoding="utf-8")
    assert "<b>say why</b>" not in raw and "&lt;b&gt;say why&lt;/b&gt;" in raw


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_page_shows_hidden_test_source_or_tracebacks(reported, assignment):
    pages = [feedback_page(reported, s, assignment) for s in GRADED_STUDENTS]
    for path in [*pages, report_page(reported, assignment)]:
        assert_no_leak(path, assignment, reported.course)


def test_hidden_lines_are_found(course):
    """The leak test is not vacuous: every assignment has hidden lines for it to look for."""
    for assignment in ASSIGNMENTS:
        assert len(hidden_lines(notebooks.read(course.source_notebook(assignment)))) > 20


def test_feedback_for_one_student_and_errors(reported, tmp_path):
    proc = ok(mlmath(reported.course, "feedback", FIRST, "--student", EDITED))
    assert "1 feedback page(s)" in proc.stdout
    proc = mlmath(reported.course, "feedback", FIRST, "--student", GHOST)
    assert proc.returncode == 2 and FAILED_REASON in proc.stderr
    proc = mlmath(reported.course, "feedback", "ch9_nothing")
    assert proc.returncode == 2 and "unknown assignment" in proc.stderr


# --- export --------------------------------------------------------------------------------------------


def gradebook_scores(course: Course) -> dict[tuple[str, str], float]:
    with Gradebook(course.gradebook_url) as gb:
        return {(s.student.id, a): max(0.0, s.score - s.late_submission_penalty)
                for a in ASSIGNMENTS for s in gb.assignment_submissions(a)}


def test_grades_csv_equals_the_gradebook_after_late_penalty(reported):
    rows = read_csv(reported.course.root / "grades.csv")
    assert list(rows[0]) == ["student_id", *ASSIGNMENTS, "total"]
    by_student = {r["student_id"]: r for r in rows}
    expected = gradebook_scores(reported.course)
    assert len(expected) == len(GRADED_STUDENTS) * len(ASSIGNMENTS)
    for (student, assignment), score in expected.items():
        assert float(by_student[student][assignment]) == pytest.approx(score), (student, assignment)
    ref = by_student[REFERENCE]
    with Gradebook(reported.course.gradebook_url) as gb:
        raw = gb.find_submission(FIRST, REFERENCE).score
    assert float(ref[FIRST]) == pytest.approx(raw - LATE_PENALTY)
    for row in rows:
        numbers = [float(row[a]) for a in ASSIGNMENTS if row[a] != ""]
        assert float(row["total"]) == pytest.approx(sum(numbers))


def test_grades_csv_counts_a_missing_submission_0_and_leaves_a_failed_one_empty(reported):
    by_student = {r["student_id"]: r for r in read_csv(reported.course.root / "grades.csv")}
    ghost = by_student[GHOST]
    assert ghost[FIRST] == "", "a submission that could not be graded must not look graded"
    assert all(ghost[a] == "0" for a in ASSIGNMENTS[1:]), ghost
    assert "not graded" in reported.runs["export"].stderr and GHOST in reported.runs["export"].stderr
    assert "missing submission" in reported.runs["export"].stdout
    tests = read_csv(reported.course.root / "tests.csv")
    assert {r["status"] for r in tests if r["student"] == GHOST and r["assignment"] != FIRST} == {"missing"}


def test_tests_csv_has_a_row_per_graded_cell(reported, graded):
    rows = read_csv(reported.course.root / "tests.csv")
    assert list(rows[0]) == ["student", "assignment", "grade_id", "score", "max_score", "status"]
    for assignment in ASSIGNMENTS:
        for student in GRADED_STUDENTS:
            mine = {r["grade_id"]: r for r in rows if r["student"] == student and r["assignment"] == assignment}
            scores = graded.scores(assignment, student)
            assert set(mine) == set(scores), (student, assignment)
            for gid, s in scores.items():
                if s.autograded:
                    assert float(mine[gid]["score"]) == s.score and float(mine[gid]["max_score"]) == s.max_score
                    assert mine[gid]["status"] == ("passed" if s.score == s.max_score else "failed")
    written = next(r for r in rows if r["student"] == REFERENCE and r["grade_id"] == reported.written
                   and r["assignment"] == FIRST)
    assert float(written["score"]) == MANUAL_SCORE and written["status"] == "graded"


def test_export_to_a_folder_with_points_possible(reported, tmp_path):
    ok(mlmath(reported.course, "export", "--output", str(tmp_path), "--points-possible"))
    with (tmp_path / "grades.csv").open(newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1][0] == "Points Possible"
    with Gradebook(reported.course.gradebook_url) as gb:
        maxima = [gb.find_assignment(a).max_score for a in ASSIGNMENTS]
    assert [float(v) for v in rows[1][1:]] == pytest.approx([*maxima, sum(maxima)])
    assert (tmp_path / "tests.csv").is_file()


# --- report --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_report_has_both_charts_and_every_test(reported, assignment):
    raw = report_page(reported, assignment).read_text(encoding="utf-8")
    charts = re.findall(r'<img[^>]+src="data:image/png;base64,([A-Za-z0-9+/=]{200,})"', raw)
    assert len(charts) == 2, "the histogram and the pass-rate chart must be embedded"
    assert "Score distribution" in raw
    release = notebooks.read(reported.course.release_notebook(assignment))
    for gid in (notebooks.grade_id(c) for c in notebooks.test_cells(release)):
        assert gid in raw
    assert 'src="http' not in raw and "<link" not in raw and "<script" not in raw


def attention(rep: Reported, assignment: str) -> list[tuple[str, str, str]]:
    raw = report_page(rep, assignment).read_text(encoding="utf-8")
    section = raw.split("Needs a person", 1)[1].split("<h2>", 1)[0]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", section)
    return [tuple(html.unescape(v) for v in row) for row in rows]


def test_report_lists_the_submissions_that_need_a_person(reported):
    rows = attention(reported, FIRST)
    assert (GHOST, "failed to grade", FAILED_REASON) in rows
    assert (BLANK, "timed out", TIMEOUT_REASON) in rows
    assert (REFERENCE, "note", NOTE) in rows
    assert any(r[:2] == (REFERENCE, "late") and "2.5" in r[2] for r in rows)
    manual = {r[0] for r in rows if r[1] == "written answer to grade"}
    assert manual == {EDITED}, "answered, not yet graded by a person (the reference is)"
    assert ("submissions 4 graded 2 failed to grade 1 timed out 1 hit a limit 0 crashed 0 written answers to grade 1 "
            "late 1") in words(report_page(reported, FIRST))


def test_report_without_grading_records_counts_every_gradebook_submission_as_graded(reported):
    rows = attention(reported, ASSIGNMENTS[-1])
    assert {r[1] for r in rows} == {"written answer to grade"}
    n = len(GRADED_STUDENTS)
    assert f"submissions {n} graded {n} failed to grade 0 timed out 0 hit a limit 0 crashed 0" in words(
        report_page(reported, ASSIGNMENTS[-1]))


# --- errors --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["feedback", FIRST], ["export"], ["report", FIRST]])
def test_no_gradebook_or_an_empty_one_is_a_clear_error(course, tmp_path, monkeypatch, command):
    monkeypatch.setenv("PATH", nbgrader_cli.environment()["PATH"])  # a new gradebook runs `alembic`
    scratch = course.scratch_copy(tmp_path / "c", with_release=False)
    proc = mlmath(scratch, *command)
    assert proc.returncode == 2 and "nothing has been graded" in proc.stderr, proc.stderr
    Gradebook(scratch.gradebook_url).close()  # a gradebook without submissions
    proc = mlmath(scratch, *command)
    assert proc.returncode == 2 and "nothing has been graded" in proc.stderr, proc.stderr


@pytest.mark.parametrize("command", ["feedback", "report"])
def test_unknown_assignment_is_a_clear_error(reported, command):
    proc = mlmath(reported.course, command, "ch9_nothing")
    assert proc.returncode == 2 and "unknown assignment 'ch9_nothing'" in proc.stderr
