"""The first program inside a grading sandbox (stdlib only, run with `python -I -S`): it copies the submission
into the sandbox's private, size-limited home, sets the resource limits, drops to an unprivileged user and
becomes the kernel.

    python -I -S launch.py SETTINGS_JSON -- KERNEL_COMMAND...

SETTINGS_JSON: {"copy_from": str, "workdir": str, "uid": int | null, "limits": {"cpu_seconds": int,
"memory_mb": int, "processes": int, "file_mb": int, "open_files": int}, "home_from": str (optional: the
grader's files for the home, such as matplotlib's font list, copied there first)}
"""

import json
import os
import resource
import shutil
import sys

MB = 1024 * 1024


def set_limits(limits: dict) -> None:
    """Resource limits of the kernel and everything it starts (inherited across fork and exec)."""
    cpu = limits["cpu_seconds"]
    # The soft limit sends SIGXCPU, which kills the kernel; the hard one SIGKILLs a kernel that catches it.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    memory = limits["memory_mb"] * MB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_mb"] * MB, limits["file_mb"] * MB))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits["open_files"], limits["open_files"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def own(path: str, uid: int) -> None:
    for folder, _dirs, files in os.walk(path):
        os.chown(folder, uid, uid)
        for name in files:
            os.chown(os.path.join(folder, name), uid, uid, follow_symlinks=False)


def main() -> None:
    settings = json.loads(sys.argv[1])
    command = sys.argv[sys.argv.index("--") + 1:]
    workdir, uid = settings["workdir"], settings["uid"]
    if settings.get("home_from"):
        shutil.copytree(settings["home_from"], os.path.dirname(workdir), symlinks=True, dirs_exist_ok=True)
    shutil.copytree(settings["copy_from"], workdir, symlinks=True, dirs_exist_ok=True)
    if uid is not None:  # started as root: hand the private files to the kernel's own user, then become it
        own(os.path.dirname(workdir), uid)
        for folder in settings.get("give", []):  # the folder only: mounts may lie below it (/tmp/<a venv>)
            os.chown(folder, uid, uid)
    set_limits(settings["limits"])
    if uid is not None:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)  # from root to another user: every capability is dropped with it
    os.chdir(workdir)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
