"""What a kernel's sandbox gets from the host: the submission's plain files read-only (never a notebook, link or
special file), and nothing writable on the host's disk (the bubblewrap command line, without running it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mlmath.sandbox import bubblewrap
from mlmath.sandbox.kernel import SandboxError, private_files

MIB = 1024 * 1024


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "empty").mkdir()
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "ch1-checkpoint.ipynb").write_text("{}")
    (tmp_path / "ch1.ipynb").write_text("{}")  # the notebook under grading: its hidden tests
    (tmp_path / "data" / "ames.csv").write_text("a,b\n")
    return tmp_path


def test_the_kernel_gets_plain_files_and_folders_but_no_notebook(folder):
    assert private_files(folder, MIB, 100) == (("data/ames.csv",), ("data", "empty"))


@pytest.mark.parametrize("make", [lambda p: p.symlink_to("/etc/passwd"), os.mkfifo])
def test_a_link_or_special_file_is_never_given(folder, make):
    make(folder / "data" / "x")
    with pytest.raises(SandboxError, match="data/x is a"):
        private_files(folder, MIB, 100)


def test_files_over_the_kernels_home_are_refused(folder):
    with open(folder / "big.bin", "wb") as big:
        big.truncate(2 * MIB)
    with pytest.raises(SandboxError, match="over the 1 MiB of the kernel's home"):
        private_files(folder, MIB, 100)


def command(folder: Path) -> list[str]:
    mounts = bubblewrap.Mounts(folder, ("data/ames.csv",), ("data",), connection_fd=7, info_fd=8)
    return bubblewrap.command(["python", "-m", "ipykernel_launcher"], mounts, "ch1",
                              limits={"cpu_seconds": 1, "memory_mb": 1, "processes": 1, "file_mb": 1,
                                      "open_files": 1}, uid=None, render_figures=False, extra_env={})


def test_nothing_on_the_host_is_mounted_writable(folder):
    args = command(folder)
    assert "--bind" not in args  # only --ro-bind: the host's folders are read-only inside
    assert args[args.index("--ro-bind-data") + 1:args.index("--ro-bind-data") + 3] == ["7", bubblewrap.CONNECTION_FILE]
    assert [str(folder / "data/ames.csv"), f"{bubblewrap.RUN}/files/data/ames.csv"] == args[
        args.index(str(folder / "data/ames.csv")):args.index(str(folder / "data/ames.csv")) + 2]
    assert str(folder) not in args and str(folder / "ch1.ipynb") not in args


def test_the_socket_folder_is_a_small_tmpfs_and_the_rest_read_only(folder):
    args = command(folder)
    at = args.index(bubblewrap.SOCKETS)
    assert args[at - 5:at] == ["--size", str(bubblewrap.SOCKETS_BYTES), "--perms", "0700", "--tmpfs"]
    assert bubblewrap.SOCKETS_BYTES <= MIB
    last_mount = max(i for i, a in enumerate(args) if a in ("--ro-bind", "--dir", "--tmpfs", "--ro-bind-data"))
    assert args[last_mount + 1:].count("--remount-ro") == 2  # bubblewrap's root and /dev, after every mount
    assert args[args.index("--info-fd") + 1] == "8"
