"""`mlmath demo`, the README's main job, end to end on a small class: every command of the pipeline runs
for real, every output it promises is there, the terminal is quiet (the noise is in the run's log), and a
failing step stops it."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ASSIGNMENTS, COURSE

from mlmath.course import Course
from mlmath.demo import DEFAULT_STUDENTS

pytestmark = pytest.mark.slow  # starts kernels: not in `make test-fast`

NOISE = ("NOTE: When using the `ipython kernel`", "SAWarning", "[IPKernelApp]", "Traceback", "leaked semaphore")


def demo(course: Course, where: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mlmath", "demo", "--dir", str(where), *args],
                          cwd=course.root, capture_output=True, text=True)


def test_demo_runs_the_whole_pipeline_and_says_where_everything_is(tmp_path):
    where = tmp_path / "demo"
    proc = demo(COURSE, where, "--jobs", "2")  # the default class: one student of each kind of work
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = proc.stdout
    assert "Where everything is" in out
    for label in ("LMS downloads", "submissions", "graded notebooks", "gradebook", "feedback for students",
                  "grades for the LMS", "reports for the team", "log of the run"):
        assert label in out, f"the demo does not say where the {label} are"
    for assignment in ASSIGNMENTS:
        for command in ("collect", "grade", "feedback", "report"):
            assert f"$ mlmath {command} {assignment}" in out
        assert (where / "reports" / f"{assignment}.html").is_file()
    # Every assignment's download has a late file, a superseded older file and a corrupt upload, listed.
    assert out.count("not a notebook (unreadable by nbformat)") == len(ASSIGNMENTS), out
    assert out.count("Superseded by a newer file") == len(ASSIGNMENTS), out
    assert out.count("_late_") >= len(ASSIGNMENTS), out
    assert "crashed    " in out  # an answer that ends its kernel, graded on what ran and named for a person

    with open(where / "exports" / "grades.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == DEFAULT_STUDENTS == 4
    assert set(ASSIGNMENTS) <= set(rows[0]) and "total" in rows[0]
    pages = list((where / "feedback").glob("*/*/feedback.html"))
    assert len(pages) == 4 * len(ASSIGNMENTS) - 1  # one student missed an assignment

    for noise in NOISE:
        assert noise not in proc.stdout + proc.stderr, f"{noise!r} reached the terminal"
    logs = list((where / "autograded" / ".mlmath" / "logs").glob("demo-*.log"))
    assert len(logs) == 1 and str(logs[0]) in out  # one log for the whole run, named at the end
    text = logs[0].read_text()
    assert "NOTE: When using the `ipython kernel`" in text  # the kernels' banners went there
    assert "Converting notebook" in text  # and nbgrader's own log


def test_the_demo_stops_at_the_first_step_that_fails(tmp_path):
    """Without a sandbox, grading is refused: the demo must stop there, say why, and not claim success."""
    course = COURSE.scratch_copy(tmp_path / "course")
    shutil.copytree(COURSE.root / "tests" / "answers", course.root / "tests" / "answers")
    config = course.root / "course_config.py"
    config.write_text(config.read_text() + '\nc.MlmathSandbox.bwrap = "/nonexistent/bwrap"\n')
    proc = demo(course, tmp_path / "demo", "--students", "2")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "mlmath demo: stopped at `mlmath grade ch1_dot_products`: mlmath grade: cannot sandbox" in proc.stderr
    assert "Where everything is" not in proc.stdout
    assert "$ mlmath feedback" not in proc.stdout  # nothing after the failed step ran
