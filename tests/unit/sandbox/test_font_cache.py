"""matplotlib's font list is built once per environment and handed to each kernel's home (read-only on the way
in, the kernel's own once the launcher has copied it), instead of being rebuilt by every kernel."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mlmath.sandbox import bubblewrap, font_cache
from mlmath.sandbox.bubblewrap import RUN, Mounts

LIMITS = {"cpu_seconds": 60, "memory_mb": 4096, "processes": 64, "file_mb": 16, "open_files": 256}


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    font_cache.font_list.cache_clear()
    yield tmp_path / "cache"
    font_cache.font_list.cache_clear()


def command(home_files=None) -> list[str]:
    mounts = Mounts(Path("/srv/submitted/ch1"), (), (), connection_fd=7, info_fd=8)
    return bubblewrap.command(["python"], mounts, "ch1", limits=LIMITS, uid=None, render_figures=False,
                              extra_env={}, home_files=home_files)


def test_the_font_list_is_built_once_and_then_reused(cache_home, monkeypatch):
    built = font_cache.font_list()
    assert built is not None and built.is_relative_to(cache_home) and built.name.startswith("fontlist-")
    assert json.loads(built.read_text())["ttflist"], "matplotlib's font list names no font"
    font_cache.font_list.cache_clear()  # a new grading process: finds it, builds nothing
    monkeypatch.setattr(font_cache, "_build", lambda folder: pytest.fail("built a second time"))
    assert font_cache.font_list() == built


def test_without_matplotlib_kernels_build_their_own(cache_home, monkeypatch):
    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert font_cache.font_list() is None


def test_a_failed_build_leaves_nothing_and_is_not_an_error(cache_home, monkeypatch):
    monkeypatch.setattr(font_cache.sys, "executable", "/nonexistent/python")
    assert font_cache.font_list() is None
    assert not list(cache_home.rglob("fontlist-*.json"))


def test_the_home_files_are_mounted_read_only_for_the_launcher_to_copy():
    source = Path("/var/cache/fontlist-v3.json")
    args = command({".config/matplotlib/fontlist-v3.json": source})
    settings = json.loads(args[args.index("--") + 5])
    assert settings["home_from"] == f"{RUN}/home"
    assert (str(source), f"{RUN}/home/.config/matplotlib/fontlist-v3.json") in [
        (args[i + 1], args[i + 2]) for i, a in enumerate(args) if a == "--ro-bind"]
    plain = command()
    assert "home_from" not in json.loads(plain[plain.index("--") + 5])
    assert not [a for a in plain if a.startswith(f"{RUN}/home")]


def test_the_launcher_copies_them_into_the_home_before_the_submission(tmp_path):
    """The launcher itself (no sandbox: paths on the host), started as bubblewrap starts it."""
    home_from, files, home = tmp_path / "home_from", tmp_path / "files", tmp_path / "home"
    (home_from / ".config" / "matplotlib").mkdir(parents=True)
    (home_from / ".config" / "matplotlib" / "fontlist.json").write_text('{"ttflist": []}')
    files.mkdir()
    (files / "data.csv").write_text("a,b\n")
    settings = {"copy_from": str(files), "workdir": str(home / "ch1"), "uid": None, "limits": LIMITS,
                "home_from": str(home_from)}
    listing = ("import os; print(sorted(os.path.relpath(os.path.join(d, f), os.path.expanduser('~')) "
               "for d, _, fs in os.walk(os.path.expanduser('~')) for f in fs))")
    run = subprocess.run([sys.executable, "-I", "-S", str(bubblewrap.LAUNCHER), json.dumps(settings), "--",
                          sys.executable, "-c", listing], env={"HOME": str(home)}, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["['.config/matplotlib/fontlist.json',", "'ch1/data.csv']"]
