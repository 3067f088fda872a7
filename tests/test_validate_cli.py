"""The students' Validate on the command line (`mlmath validate`, nbgrader's `validate` with mlmath's
SummaryValidator), run for real on a release notebook half done: the summary first, then the first failing
check of the exercise that fails; no traceback and no line of a hidden test."""

from __future__ import annotations

import pytest
from conftest import COURSE, hidden_lines, mlmath
from partly_done import ASSIGNMENT, OTHERS, RIGHT, WRONG, partly_done

from mlmath import notebooks

pytestmark = pytest.mark.slow


def test_mlmath_validate_prints_the_summary_first(tmp_path):
    path = tmp_path / "student" / f"{ASSIGNMENT}.ipynb"
    path.parent.mkdir()
    notebooks.write(partly_done(COURSE), path)
    proc = mlmath(COURSE, "validate", str(path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    lines = out.splitlines()
    assert lines[0].startswith(f"{path}: 1 of 5 exercises pass their visible tests"), out[:1000]
    assert lines[1].strip() == f"✔ {RIGHT}: passes its visible tests"
    assert lines[2].strip().startswith(f"✘ {WRONG}: fails: AssertionError")
    for function in OTHERS:
        assert f"… {function}: not attempted yet" in out
    assert "not filled in yet" in out
    details = out.index(f"{WRONG}, first failing check")
    assert details > out.index("not filled in yet") and out.count("first failing check") == 1
    assert "yours:" in out[details:] and "expected:" in out[details:]
    assert "Traceback" not in out and "The following cell failed" not in out
    source = notebooks.read(COURSE.source_notebook(ASSIGNMENT))
    assert not [line for line in hidden_lines(source) if line in out]
