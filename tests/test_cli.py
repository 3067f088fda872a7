"""The `mlmath` command line: help, and a self-check that fails when the reference solution is wrong."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

import pytest
from conftest import COURSE

from mlmath import notebooks
from mlmath.cli import build_parser
from mlmath.selfcheck import check_assignment


def mlmath(*args, cwd):
    return subprocess.run([sys.executable, "-m", "mlmath", *args], cwd=cwd, capture_output=True, text=True)


def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The parser's sub-commands, read from the parser itself (argparse has no public way to list them)."""
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return subparsers.choices


def test_help_lists_the_commands():
    parser = build_parser()
    names = list(commands(parser))
    assert {"release", "check", "bank", "collect", "grade", "feedback", "export", "report", "demo"} <= set(names)
    proc = mlmath("--help", cwd=COURSE.root)
    assert proc.returncode == 0, proc.stderr
    listed = [m.group(1) for m in re.finditer(r"^ {4}(\S+)", proc.stdout, re.MULTILINE)]
    assert listed == names, proc.stdout  # every command, with its help line, in the parser's order


def test_every_command_has_its_own_help(capsys):
    for name in commands(build_parser()):
        with pytest.raises(SystemExit) as stop:
            build_parser().parse_args([name, "--help"])
        assert stop.value.code == 0
        assert f"usage: mlmath {name}" in capsys.readouterr().out


def test_outside_a_course_is_a_clear_error(tmp_path):
    proc = mlmath("check", cwd=tmp_path)
    assert proc.returncode == 2
    assert "not inside a course" in proc.stderr


@pytest.mark.slow  # grades the reference and the release
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


def test_release_of_an_assignment_nbgrader_cannot_generate_is_a_clear_error(tmp_path):
    """`mlmath release` runs nbgrader's generate_assignment in its own process (mlmath.release): what nbgrader
    says when it fails reaches the terminal, with a non-zero status, and nothing is claimed regenerated."""
    scratch = COURSE.scratch_copy(tmp_path / "course")
    proc = mlmath("release", "ch9_nothing", cwd=scratch.root)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "nbgrader could not generate ch9_nothing: " in proc.stderr and "No notebooks were matched" in proc.stderr
    assert "regenerated" not in proc.stdout
