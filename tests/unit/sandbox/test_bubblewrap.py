"""The bubblewrap command line of a grading kernel: its namespaces, size limits, environment and launcher (what it
mounts from the submission is tested in tests/unit/test_sandbox_mounts.py)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from mlmath.sandbox import bubblewrap
from mlmath.sandbox.bubblewrap import HOME, RUN, SOCKETS, Mounts

LIMITS = {"cpu_seconds": 240, "memory_mb": 2048, "processes": 64, "file_mb": 64, "open_files": 256}
KERNEL = ["python", "-m", "ipykernel_launcher", "-f", f"{RUN}/kernel/kernel.json"]


def command(monkeypatch, root: bool = False, render_figures: bool = False, **kw) -> list[str]:
    monkeypatch.setattr(bubblewrap, "is_root", lambda: root)
    mounts = Mounts(Path("/srv/submitted/ch1"), ("data/ames.csv",), ("data",), connection_fd=7, info_fd=8)
    return bubblewrap.command(KERNEL, mounts, "ch1",
                              limits=LIMITS, uid=1_000_123 if root else None, render_figures=render_figures,
                              extra_env={"NBGRADER_EXECUTION": "autograde"}, **kw)


def pairs(args: list[str], flag: str) -> list[tuple[str, str]]:
    return [(args[i + 1], args[i + 2]) for i, a in enumerate(args) if a == flag]


def before_separator(args: list[str]) -> list[str]:
    return args[:args.index("--")]


def test_the_course_and_the_graders_home_are_never_mounted(monkeypatch):
    args = before_separator(command(monkeypatch))
    mounted = {source for source, _ in pairs(args, "--ro-bind") + pairs(args, "--bind")}
    for private in (os.getcwd(), str(Path.home()), "/", "/home", "/root", "/tmp", "/srv/submitted/ch1"):
        assert private not in mounted, private


def test_the_private_folders_are_tmpfs_of_the_file_size_limit(monkeypatch):
    args = before_separator(command(monkeypatch))
    size = str(LIMITS["file_mb"] * 1024 * 1024)
    for folder in ("/tmp", HOME, "/dev/shm"):
        at = next(i for i, a in enumerate(args) if a == folder and args[i - 1] == "--tmpfs")
        options = args[max(0, at - 5):at]
        assert options[options.index("--size") + 1] == size, folder


def test_no_network_and_no_shared_namespaces(monkeypatch):
    args = before_separator(command(monkeypatch))
    for flag in ("--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-user", "--die-with-parent",
                 "--new-session", "--clearenv"):
        assert flag in args, flag
    assert "--share-net" not in args and "--cap-add" not in args


def test_as_root_no_user_namespace_and_only_the_capabilities_to_drop_to_the_kernels_user(monkeypatch):
    args = before_separator(command(monkeypatch, root=True))
    assert "--unshare-user" not in args and "--unshare-net" in args
    assert sorted(c for flag, c in zip(args, args[1:], strict=False) if flag == "--cap-add") == [
        "CAP_CHOWN", "CAP_SETGID", "CAP_SETUID"]


def test_a_clean_environment_with_what_was_asked(monkeypatch):
    env = dict(pairs(before_separator(command(monkeypatch)), "--setenv"))
    assert env["HOME"] == HOME and env["NBGRADER_EXECUTION"] == "autograde" and env["MPLBACKEND"] == "agg"
    assert env["OMP_NUM_THREADS"] == env["OPENBLAS_NUM_THREADS"] == "1"
    assert set(env) == {"HOME", "PATH", "LANG", "TMPDIR", "MPLCONFIGDIR", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                        "MKL_NUM_THREADS", "MALLOC_ARENA_MAX", "PYTHONDONTWRITEBYTECODE", "MPLBACKEND",
                        "NBGRADER_EXECUTION"}  # nothing of the grader's environment
    drawn = dict(pairs(before_separator(command(monkeypatch, render_figures=True)), "--setenv"))
    assert "MPLBACKEND" not in drawn


def test_the_launcher_gets_the_limits_and_user_then_runs_the_kernel(monkeypatch):
    args = command(monkeypatch, root=True, bwrap="/opt/bin/bwrap")
    assert args[0] == "/opt/bin/bwrap"
    tail = args[args.index("--") + 1:]
    assert tail[:4] == [sys.executable, "-I", "-S", f"{RUN}/launch.py"]
    settings = json.loads(tail[4])
    assert settings == {"copy_from": f"{RUN}/files", "workdir": f"{HOME}/ch1", "uid": 1_000_123, "limits": LIMITS,
                        "give": [SOCKETS, "/tmp"]}
    assert tail[5:] == ["--", *bubblewrap.kernel_entry(KERNEL)]


def test_python_is_mounted_read_only(monkeypatch):
    args = before_separator(command(monkeypatch))
    read_only = {target for _, target in pairs(args, "--ro-bind")}
    for folder in bubblewrap.python_folders():
        assert folder in read_only
    assert any(os.path.realpath(sys.prefix).startswith(f) for f in
               [*bubblewrap.python_folders(), *(os.path.realpath(s) for s in bubblewrap.SYSTEM_FOLDERS)])


def test_a_missing_bwrap_is_named_with_the_command_to_install_it():
    assert "apt-get install bubblewrap" in bubblewrap.unavailable("no-such-bwrap-here")


@pytest.mark.parametrize("folder", ["/usr", "/etc"])
def test_the_system_is_read_only(monkeypatch, folder):
    args = before_separator(command(monkeypatch))
    assert (folder, folder) in pairs(args, "--ro-bind") or folder in [t for _, t in pairs(args, "--symlink")]


def test_the_kernel_starts_from_the_mounted_entry_point_without_the_debugger(monkeypatch):
    args = command(monkeypatch)
    assert (str(bubblewrap.KERNEL_MAIN), f"{RUN}/kernel_main.py") in pairs(before_separator(args), "--ro-bind")
    kernel = args[len(args) - len(KERNEL) + 1:]
    assert kernel[:2] == ["python", f"{RUN}/kernel_main.py"] and kernel[2:] == KERNEL[3:], args[-8:]


def test_a_command_that_is_not_ipykernels_launcher_is_kept():
    other = ["python", "-m", "some_other_kernel", "-f", "k.json"]
    assert bubblewrap.kernel_entry(other) == other
    assert bubblewrap.kernel_entry(KERNEL) == ["python", f"{RUN}/kernel_main.py", *KERNEL[3:]]


def test_the_entry_point_starts_a_kernel_without_debugpy_that_the_answers_can_still_import(tmp_path):
    """kernel_main.py run for real (outside a sandbox): the kernel answers, its debugger (debugpy and pydevd) was
    not loaded at start-up, and code run in the kernel imports debugpy as usual."""
    import subprocess

    from jupyter_client import BlockingKernelClient
    from jupyter_client.connect import write_connection_file

    connection, _ = write_connection_file(str(tmp_path / "kernel.json"), transport="ipc",
                                          ip=str(tmp_path / "k"))
    kernel = subprocess.Popen([sys.executable, str(bubblewrap.KERNEL_MAIN), "-f", connection],
                              cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = BlockingKernelClient(connection_file=connection)
    client.load_connection_file()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        seen = []
        folder = str(bubblewrap.KERNEL_MAIN.parent)  # the script's own folder is not the answers' path
        reply = client.execute_interactive(
            "import sys, ipykernel.debugger\n"  # what ipykernel found at start-up, and whether pydevd was loaded
            "print(ipykernel.debugger._is_debugpy_available, '_pydevd_bundle' in sys.modules, "
            f"{folder!r} in sys.path)\n"
            "import debugpy\nprint(type(debugpy).__name__)",
            timeout=60, output_hook=lambda m: seen.append(m["content"].get("text", "")))
        assert reply["content"]["status"] == "ok", reply["content"]
        assert "".join(seen).split() == ["False", "False", "False", "module"], seen
    finally:
        client.stop_channels()
        kernel.kill()
        kernel.wait()
