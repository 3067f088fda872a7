"""The `mlmath` command line: help, and a self-check that fails when the reference solution is wrong."""

from __future__ import annotations

import subprocess
import sys

from conftest import COURSE

from mlmath import notebooks
from mlmath.selfcheck import check_assignment


def mlmath(*args, cwd):
    return subprocess.run([sys.executable, "-m", "mlmath", *args], cwd=cwd, capture_output=True, text=True)


def test_help_lists_the_commands():
    proc = mlmath("--help", cwd=COURSE.root)
    assert proc.returncode == 0
    for command in ("release", "check", "bank"):
        assert command in proc.stdout


def test_outside_a_course_is_a_clear_error(tmp_path):
    proc = mlmath("check", cwd=tmp_path)
    assert proc.returncode == 2
    assert "not inside a course" in proc.stderr


def test_self_check_catches_a_broken_reference_solution(tmp_path):
    """Break one reference answer in a scratch copy: the check must name the tests it now fails."""
    scratch = COURSE.scratch_copy(tmp_path / "course", with_release=False)
    assignment = "ch1_dot_products"
    path = scratch.source_notebook(assignment)
    nb = notebooks.read(path)
    cell = notebooks.cells_by_id(nb)["dot"]
    head, _, _ = cell.source.partition("### BEGIN SOLUTION")
    cell.source = head + "### BEGIN SOLUTION\n    return 0.0\n    ### END SOLUTION\n"
    notebooks.write(nb, path)

    check = check_assignment(scratch, assignment, tmp_path / "work")
    assert not check.ok
    assert "dot__visible" in check.reference_misses()
    assert not check.blank_passes()
