"""`mlmath demo`, the README's main job, end to end on a small class: every command of the pipeline runs
for real and every output it promises is there."""

from __future__ import annotations

import csv
import subprocess
import sys

from conftest import ASSIGNMENTS, COURSE


def test_demo_runs_the_whole_pipeline_and_says_where_everything_is(tmp_path):
    where = tmp_path / "demo"
    proc = subprocess.run(
        [sys.executable, "-m", "mlmath", "demo", "--students", "4", "--dir", str(where), "--jobs", "2"],
        cwd=COURSE.root, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = proc.stdout
    for label in ("LMS downloads", "submissions", "graded notebooks", "gradebook", "feedback for students",
                  "grades for the LMS", "reports for the team"):
        assert label in out, f"the demo does not say where the {label} are"
    for assignment in ASSIGNMENTS:
        assert f"$ mlmath grade {assignment}" in out
        assert (where / "reports" / f"{assignment}.html").is_file()
    assert "not a notebook" in out or "not collected" in out  # the corrupt upload is listed, not dropped

    with open(where / "exports" / "grades.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 4
    assert set(ASSIGNMENTS) <= set(rows[0]) and "total" in rows[0]
    pages = list((where / "feedback").glob("*/*/feedback.html"))
    assert len(pages) >= 4 * len(ASSIGNMENTS) - 2  # one missed assignment, one corrupt upload
