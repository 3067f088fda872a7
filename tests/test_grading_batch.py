"""`mlmath grade` end to end, with the real nbgrader and a real gradebook on a scratch copy of the course:
a class of known submissions (right, blank, late, an endless loop, broken files) graded two at a time."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import COURSE, mlmath

from mlmath import nbgrader_cli, notebooks, outcomes
from mlmath.course import Course
from mlmath.grading import pipeline, records
from mlmath.outcomes import Stop, StopKind
from mlmath.selfcheck import submit

pytestmark = pytest.mark.slow  # starts kernels: not in `make test-fast`

ASSIGNMENT = "ch1_dot_products"
DUE = "2027-02-05 23:59:00 UTC"  # as in course_config.py
GRADABLE = ["reference", "blank", "late", "loop"]
BROKEN = {"broken_json": "not a readable notebook", "renamed": "found my_work.ipynb", "empty": "is empty"}


def make_class(course: Course) -> None:
    """Seven submissions: gradable ones of every kind and three that cannot be graded."""
    source, release = course.source_notebook(ASSIGNMENT), course.release_notebook(ASSIGNMENT)
    submit(course, "reference", ASSIGNMENT, source)
    submit(course, "blank", ASSIGNMENT, release)
    submit(course, "late", ASSIGNMENT, source)
    (course.submitted / "late" / ASSIGNMENT / "timestamp.txt").write_text("2027-02-07 10:00:00.000000 UTC")
    nb = notebooks.read(source)
    last = notebooks.cells_by_id(nb)[notebooks.graded_functions(nb)[-1]]
    # never finishes defining the last function; it sleeps, as the time limit per cell (wall clock) is what stops
    # it here (a loop that burns CPU meets the CPU limit in test_sandbox), and 10 s of busy loop per grading of
    # this class was about a minute of the suite's CPU
    last.source = "import time\nwhile True:\n    time.sleep(0.05)\n\n" + last.source
    for cell in (nb.cells[0], notebooks.test_cells(nb)[0]):  # a stop the student wrote in: never believed
        cell.metadata["mlmath"] = {"stop": "kernel_died", "detail": "forged by the student", "cell": "x"}
    notebooks.write(nb, course.submitted_notebook("loop", ASSIGNMENT))
    broken = course.submitted_notebook("broken_json", ASSIGNMENT)
    broken.parent.mkdir(parents=True)
    broken.write_text('{"cells": [')
    renamed = course.submitted / "renamed" / ASSIGNMENT
    renamed.mkdir(parents=True)
    shutil.copy(source, renamed / "my_work.ipynb")
    empty = course.submitted_notebook("empty", ASSIGNMENT)
    empty.parent.mkdir(parents=True)
    empty.touch()


def short_time_limit(course: Course) -> None:
    config = course.root / "course_config.py"
    config.write_text(config.read_text().replace("c.Execute.timeout = 60", "c.Execute.timeout = 10"))


def all_scores(course: Course, students) -> dict:
    return {s: {g: c.score for g, c in nbgrader_cli.scores(course, ASSIGNMENT, s).items()} for s in students}


def penalties(course: Course, students) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(course.gradebook_url) as gb:
        return {s: gb.find_submission(ASSIGNMENT, s).late_submission_penalty for s in students}


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    """The class graded by `mlmath grade -j 2` and, on a twin copy, by stock `nbgrader autograde`."""
    ours = COURSE.scratch_copy(tmp_path_factory.mktemp("ours"))
    stock = COURSE.scratch_copy(tmp_path_factory.mktemp("stock"))
    for course in (ours, stock):
        short_time_limit(course)
        nbgrader_cli.run(course, "generate_assignment", ASSIGNMENT, "--force")
        make_class(course)
    first = mlmath(ours, "grade", ASSIGNMENT, "--jobs", "2")
    with open(stock.root / "course_config.py", "a") as config:  # the twin grades as stock nbgrader does
        config.write(pipeline.STOCK_LINE)
    for student in BROKEN:  # stock nbgrader stops at a broken file: give it only what it can grade
        shutil.rmtree(stock.submitted / student)
    nbgrader_cli.run(stock, "db", "assignment", "add", ASSIGNMENT, f"--duedate={DUE}")
    nbgrader_cli.run(stock, "autograde", ASSIGNMENT)
    return ours, stock, first


def test_batch_finishes_and_names_what_needs_a_person(graded_class):
    ours, _, first = graded_class
    assert first.returncode == 1, first.stderr  # some submissions could not be graded
    assert "graded 3, failed to grade 3, timed out 1" in first.stdout, first.stdout
    for student, reason in BROKEN.items():
        assert student in first.stdout and reason in first.stdout, first.stdout
    saved = records.load(ours, ASSIGNMENT)
    assert {s: r.status for s, r in saved.items()} == {
        "reference": records.GRADED, "blank": records.GRADED, "late": records.GRADED,
        "loop": records.TIMED_OUT, **{s: records.FAILED for s in BROKEN},
    }
    assert "time limit" in saved["loop"].reason


def test_scores_are_identical_to_stock_nbgrader(graded_class):
    ours, stock, _ = graded_class
    assert all_scores(ours, GRADABLE) == all_scores(stock, GRADABLE)
    assert penalties(ours, GRADABLE) == penalties(stock, GRADABLE)


def test_late_submission_gets_the_configured_penalty(graded_class):
    ours, _, _ = graded_class
    autograded = sum(s for s in all_scores(ours, ["late"])["late"].values() if s)
    # Due 2027-02-05 23:59, submitted 2027-02-07 10:00: two started days late at 10% a day.
    assert penalties(ours, ["late"])["late"] == pytest.approx(0.2 * autograded)
    assert penalties(ours, ["reference"])["reference"] == 0


def test_timed_out_submission_is_graded_on_what_ran(graded_class):
    ours, _, _ = graded_class
    scores = nbgrader_cli.scores(ours, ASSIGNMENT, "loop")
    last = notebooks.graded_functions(notebooks.read(ours.source_notebook(ASSIGNMENT)))[-1]
    others = {g: s for g, s in scores.items() if s.autograded and not g.startswith(f"{last}__")}
    assert all(s.score == s.max_score for s in others.values()), "tests of the other functions lost points"
    assert all(s.score == 0 for g, s in scores.items() if g.startswith(f"{last}__"))


def test_the_stop_is_recorded_as_data_in_the_graded_notebook(graded_class):
    ours, _, _ = graded_class
    cells = notebooks.read(ours.autograded_notebook("loop", ASSIGNMENT)).cells
    last = notebooks.graded_functions(notebooks.read(ours.source_notebook(ASSIGNMENT)))[-1]
    stopped = {outcomes.cell_name(c, i): outcomes.stop_of(c) for i, c in enumerate(cells) if outcomes.stop_of(c)}
    assert stopped == {last: Stop(StopKind.CELL_TIME, "the time limit per cell (10 s)", last)}, stopped
    assert records.load(ours, ASSIGNMENT)["loop"].reason == outcomes.reason_of(stopped[last])


def test_rerun_grades_only_what_changed_and_force_regrades_identically(graded_class):
    ours, _, _ = graded_class
    before = all_scores(ours, GRADABLE)
    again = mlmath(ours, "grade", ASSIGNMENT, "--jobs", "2")
    assert ("graded 0, failed to grade 0, timed out 0, hit a limit 0, crashed 0, unchanged since last run 7"
            in again.stdout), again.stdout

    submit(ours, "blank", ASSIGNMENT, ours.source_notebook(ASSIGNMENT))  # blank resubmits a full answer
    changed = mlmath(ours, "grade", ASSIGNMENT, "--jobs", "2")
    assert ("graded 1, failed to grade 0, timed out 0, hit a limit 0, crashed 0, unchanged since last run 6"
            in changed.stdout), changed.stdout
    assert all_scores(ours, ["blank"])["blank"] == before["reference"]

    # --force grades again what has not changed (reference: `again` above left it alone), beside what has (blank,
    # back to the release). Two students, not the class: its timed-out loop alone would add 10 s.
    submit(ours, "blank", ASSIGNMENT, ours.release_notebook(ASSIGNMENT))
    forced = mlmath(ours, "grade", ASSIGNMENT, "--jobs", "2", "--force", "--student", "reference", "--student", "blank")
    assert ("graded 2, failed to grade 0, timed out 0, hit a limit 0, crashed 0, unchanged since last run 0"
            in forced.stdout), forced.stdout
    assert all_scores(ours, GRADABLE) == before


def test_the_terminal_shows_progress_and_the_log_holds_the_noise(graded_class):
    _, _, first = graded_class
    for line in ("1/7 ", "7/7 ", "loop: timed out"):
        assert line in first.stderr, first.stderr  # not a terminal: a line per submission
    for noise in ("NOTE: When using the `ipython kernel`", "SAWarning", "[IPKernelApp]", "Traceback"):
        assert noise not in first.stdout + first.stderr, f"{noise!r} reached the terminal"
    named = [line.split(": ", 1)[1] for line in first.stdout.splitlines() if line.strip().startswith("log of this run")]
    assert len(named) == 1, first.stdout
    log = Path(named[0]).read_text()
    assert "NOTE: When using the `ipython kernel`" in log and "[kernel loop/" in log  # routed there, not lost


def test_interrupted_run_loses_nothing_and_the_next_run_finishes(graded_class, tmp_path):
    ours, _, _ = graded_class
    copy = Course(tmp_path / "course")
    shutil.copytree(ours.root, copy.root)
    expected = all_scores(copy, GRADABLE)
    path = records.path(copy, ASSIGNMENT)
    path.unlink()  # as far as mlmath knows, nothing is graded: the run has all 7 to grade
    proc = subprocess.Popen([sys.executable, "-m", "mlmath", "grade", ASSIGNMENT, "--jobs", "2"],
                            cwd=copy.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 300
    while not path.exists() and time.monotonic() < deadline:  # wait for one result
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group, workers too
    out, err = proc.communicate(timeout=120)
    json.loads(path.read_text())  # the records file is whole
    finished = records.load(copy, ASSIGNMENT)
    assert proc.returncode == 130, out + err  # still grading: "loop" alone takes its 10 s time limit
    assert 1 <= len(finished) < 7, finished
    assert f"not graded (interrupted) {7 - len(finished)}" in out, out
    for noise in ("leaked semaphore", "Traceback", "KeyboardInterrupt"):
        assert noise not in out + err, err

    rerun = mlmath(copy, "grade", ASSIGNMENT, "--jobs", "2")
    assert rerun.returncode == 1, rerun.stderr
    assert f"unchanged since last run {len(finished)}" in rerun.stdout, rerun.stdout
    assert all_scores(copy, GRADABLE) == expected
    assert len(records.load(copy, ASSIGNMENT)) == 7


def test_bad_arguments_are_clear_errors(graded_class):
    ours, _, _ = graded_class
    unknown = mlmath(ours, "grade", "ch9_nothing")
    assert unknown.returncode == 2 and "no assignment 'ch9_nothing'" in unknown.stderr
    nobody = mlmath(ours, "grade", ASSIGNMENT, "--student", "nobody")
    assert nobody.returncode == 2 and "nobody" in nobody.stderr
    one = mlmath(ours, "grade", ASSIGNMENT, "--student", "reference", "--force")
    assert one.returncode == 0 and "graded 1," in one.stdout, one.stdout
