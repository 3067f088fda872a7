"""The bubblewrap command line of a grading kernel: what the kernel can see, and nothing else.

Inside the sandbox there is a read-only system (/usr, /etc and the rest of the root's system folders) and a
read-only Python (this environment and the interpreter it was made from), a private home on a size-limited
tmpfs holding a copy of the submission's files, a private /tmp, and the kernel's socket folder. There is no
course folder, gradebook, source/, release/, other students' files or grader's home, and no network (a
network namespace of its own with nothing in it): the kernel talks to its grader over Unix sockets.

Nothing the kernel can write is on the host's disk: the socket folder is a small tmpfs of the sandbox's own,
which the grader reaches through /proc/<the sandbox's first process>/root (bubblewrap tells that process's
id on --info-fd), the connection file is handed in as data, and the submission's files are mounted read-only
one by one from the folder nbgrader prepared; so there is no scratch folder on the host to fill or leave.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

RUN = "/run/mlmath"  # the launcher, the private files, the connection file and the kernel's sockets
SOCKETS = f"{RUN}/kernel"  # the kernel's socket folder: a tmpfs of SOCKETS_BYTES
CONNECTION_FILE = f"{RUN}/kernel.json"
SOCKETS_BYTES = 1024 * 1024  # sockets take no space; this is what a kernel could write there, at most
HOME = "/home/student"
LAUNCHER = Path(__file__).with_name("launch.py")
KERNEL_MAIN = Path(__file__).with_name("kernel_main.py")  # ipykernel's launcher without the debugger
SYSTEM_FOLDERS = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


@dataclass(frozen=True)
class Mounts:
    """What one kernel's sandbox gets from the host besides the system and Python."""

    folder: Path  # the submission's folder as nbgrader prepared it
    files: tuple[str, ...]  # its files the kernel may see, relative, with "/" (the launcher copies them to HOME)
    folders: tuple[str, ...]  # its folders, relative (empty ones included)
    connection_fd: int  # a file descriptor to read the kernel's connection file from
    info_fd: int  # where bubblewrap writes the id of the sandbox's first process


def file_mounts(mounts: Mounts) -> list[str]:
    """Each of the submission's files mounted read-only on its own under RUN/files: the folder itself, which
    holds the notebook under grading (with its hidden tests), is never mounted."""
    args = ["--dir", f"{RUN}/files"]
    for folder in mounts.folders:
        args += ["--dir", f"{RUN}/files/{folder}"]
    for name in mounts.files:
        args += ["--ro-bind", str(mounts.folder / name), f"{RUN}/files/{name}"]
    return args


def is_root() -> bool:
    return os.geteuid() == 0


def python_folders() -> list[str]:
    """The folders the kernel's Python needs: this environment and the installation it was made from."""
    folders = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}
    system = tuple(os.path.realpath(p) + "/" for p in SYSTEM_FOLDERS if os.path.isdir(p))
    return sorted(f for f in folders if not (f + "/").startswith(system))


def system_mounts() -> list[str]:
    args = []
    for folder in SYSTEM_FOLDERS:
        if os.path.islink(folder):
            args += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            args += ["--ro-bind", folder, folder]
    made = set()
    for folder in python_folders():
        # bubblewrap makes missing parent folders private (0700): make them traversable for the kernel's user
        for parent in reversed(Path(folder).parents[:-1]):
            if str(parent) not in made:
                made.add(str(parent))
                args += ["--perms", "0755", "--dir", str(parent)]
        args += ["--ro-bind", folder, folder]
    return args


def namespaces() -> list[str]:
    args = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    if is_root():
        # Real root makes the mounts, then the launcher drops to an unprivileged user of its own, which
        # needs these three capabilities (bubblewrap drops every other one) and no user namespace.
        return args + ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_CHOWN"]
    return args + ["--unshare-user"]


def environment(render_figures: bool, extra: dict[str, str]) -> list[str]:
    """A clean environment: nothing of the grader's leaks in."""
    env = {
        "HOME": HOME,
        "PATH": f"{os.path.dirname(sys.executable)}:/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "TMPDIR": "/tmp",
        "MPLCONFIGDIR": f"{HOME}/.config/matplotlib",
        # one thread per kernel: graders run one kernel per core, and the process limit counts threads
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "MALLOC_ARENA_MAX": "2",
        "PYTHONDONTWRITEBYTECODE": "1",
        **({} if render_figures else {"MPLBACKEND": "agg"}),
        **extra,
    }
    return [arg for name, value in sorted(env.items()) for arg in ("--setenv", name, value)]


def kernel_entry(kernel_command: list[str]) -> list[str]:
    """`kernel_command` with ipykernel's launcher (`-m ipykernel_launcher`) replaced by kernel_main.py, as the
    sandbox mounts it; any other command as it is."""
    for at in range(len(kernel_command) - 1):
        if kernel_command[at:at + 2] == ["-m", "ipykernel_launcher"]:
            return [*kernel_command[:at], f"{RUN}/kernel_main.py", *kernel_command[at + 2:]]
    return list(kernel_command)


def command(
    kernel_command: list[str],
    mounts: Mounts,
    folder_name: str,
    limits: dict[str, int],
    uid: int | None,
    render_figures: bool,
    extra_env: dict[str, str],
    bwrap: str = "bwrap",
    home_files: dict[str, Path] | None = None,
) -> list[str]:
    """The full command that starts one kernel (`kernel_command`, paths as seen inside) in its sandbox.
    `home_files` (path under the home -> file on the host): the grader's own files the launcher copies into the
    kernel's home (matplotlib's font list, `mlmath.sandbox.font_cache`), mounted read-only like the submission's."""
    workdir = f"{HOME}/{folder_name}"
    settings = {"copy_from": f"{RUN}/files", "workdir": workdir, "uid": uid, "limits": limits,
                "give": [SOCKETS, "/tmp"]}
    home_mounts = []
    if home_files:
        settings["home_from"] = f"{RUN}/home"
        for name, source in sorted(home_files.items()):
            home_mounts += ["--ro-bind", str(source), f"{RUN}/home/{name}"]
    scratch_bytes = str(limits["file_mb"] * 1024 * 1024)
    return [
        bwrap,
        # the private folders first: the system and Python are mounted on top (this environment may live in
        # a folder under /tmp, as a CI's fresh clone does)
        "--size", scratch_bytes, "--tmpfs", "/tmp",
        "--perms", "0755", "--dir", "/home",
        "--size", scratch_bytes, "--tmpfs", HOME,
        *system_mounts(),
        "--proc", "/proc",
        "--dev", "/dev",
        "--size", scratch_bytes, "--perms", "1777", "--tmpfs", "/dev/shm",
        "--perms", "0755", "--dir", "/run", "--perms", "0755", "--dir", RUN,
        "--ro-bind", str(LAUNCHER), f"{RUN}/launch.py",
        "--ro-bind", str(KERNEL_MAIN), f"{RUN}/kernel_main.py",
        *file_mounts(mounts),
        *home_mounts,
        "--perms", "0444", "--ro-bind-data", str(mounts.connection_fd), CONNECTION_FILE,
        "--size", str(SOCKETS_BYTES), "--perms", "0700", "--tmpfs", SOCKETS,
        "--info-fd", str(mounts.info_fd),
        # bubblewrap's own root and /dev are tmpfs without a size limit, owned by the kernel's user in a user
        # namespace: read-only, so that only the size-limited mounts above (home, /tmp, /dev/shm, sockets) take writes
        "--remount-ro", "/dev", "--remount-ro", "/",
        *namespaces(),
        "--die-with-parent",
        "--new-session",
        "--clearenv",
        *environment(render_figures, extra_env),
        "--chdir", "/",
        "--",
        sys.executable, "-I", "-S", f"{RUN}/launch.py", json.dumps(settings), "--", *kernel_entry(kernel_command),
    ]


def unavailable(bwrap: str = "bwrap") -> str:
    """Why no sandbox can be made here ("" when one can): bubblewrap is missing or cannot make namespaces."""
    program = shutil.which(bwrap)
    if program is None:
        return f"bubblewrap ({bwrap}) is not installed; on Debian or Ubuntu: apt-get install bubblewrap"
    probe = [program, "--tmpfs", "/tmp", *system_mounts(), "--proc", "/proc", "--dev", "/dev", *namespaces(),
             "--die-with-parent", "--", sys.executable, "-I", "-S", "-c", "pass"]
    try:
        result = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap cannot start: {error}"
    if result.returncode != 0:
        return f"bubblewrap cannot make a sandbox here: {result.stderr.strip()[:300] or f'exit {result.returncode}'}"
    return ""
