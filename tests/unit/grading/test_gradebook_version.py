"""A new gradebook's schema version is read in-process (no `alembic heads` subprocess), and it is the version
nbgrader's own subprocess finds."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import nbgrader.api
import pytest
from nbgrader.api import Gradebook

from mlmath import nbgrader_cli
from mlmath.grading import gradebook


def test_the_version_is_the_one_nbgraders_subprocess_finds(tmp_path):
    """nbgrader's own get_alembic_version, in a process that never loaded the course's configuration."""
    own = subprocess.run([sys.executable, "-c", "from nbgrader.api import get_alembic_version as v; print(v())"],
                         env=nbgrader_cli.environment(), cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert own.returncode == 0, own.stderr
    assert gradebook.alembic_head() == own.stdout.strip()


def test_a_new_gradebook_starts_no_subprocess(tmp_path, monkeypatch):
    gradebook.read_schema_version_in_process()
    gradebook.read_schema_version_in_process()  # idempotent: still one layer over nbgrader's own

    def no_subprocess(*args, **kwargs):
        raise AssertionError(f"a subprocess was started: {args}")

    monkeypatch.setattr(nbgrader.api.sp, "check_output", no_subprocess)
    Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}").close()
    with sqlite3.connect(tmp_path / "gradebook.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(gradebook.alembic_head(),)]


def test_if_alembic_cannot_be_asked_in_process_nbgraders_way_is_used(monkeypatch):
    gradebook.read_schema_version_in_process()

    def broken():
        raise ImportError("no alembic.script")

    monkeypatch.setattr(gradebook, "alembic_head", broken)
    monkeypatch.setattr(nbgrader.api.sp, "check_output", lambda *a, **k: b"abc123def456 (head)\n")
    assert nbgrader.api.get_alembic_version() == "abc123def456"


@pytest.fixture(autouse=True)
def _nbgraders_own_afterwards(monkeypatch):
    """Each test's patch of nbgrader is undone after it (monkeypatch restores the module attribute)."""
    monkeypatch.setattr(nbgrader.api, "get_alembic_version", nbgrader.api.get_alembic_version)
