"""One log file per run of a pipeline command: where nbgrader's log lines, library warnings, the grading
workers' output and the kernels' own stderr (their start-up banners) go, so that the terminal shows only
what a TA needs (progress, what needs a person, the summary).

The log is `autograded/.mlmath/logs/<command>-<time>-<pid>.log`; the newest `KEEP` are kept. A command run
by another in the same process (the steps of `mlmath demo`) writes into the log already open.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from mlmath.course import Course

#: How many log files of past runs are kept.
KEEP = 50
#: The most of a kernel's own stdout and stderr written to the log; the rest is counted, not kept.
KERNEL_OUTPUT_CAP = 64 * 1024

_current: Path | None = None


def folder(course: Course) -> Path:
    return course.autograded / ".mlmath" / "logs"


def current() -> Path | None:
    """The log this process writes to (None before `start`)."""
    return _current


def start(course: Course, command: str) -> Path:
    """Open this run's log and send Python's warnings and logging records to it (not to the terminal).

    A second call in the same process (a demo step) keeps the log already open.
    """
    global _current
    if _current is not None:
        return _current
    where = folder(course)
    where.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    _current = where / f"{command}-{stamp}-{os.getpid()}.log"
    handler = logging.FileHandler(_current, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logging.root.addHandler(handler)
    logging.root.setLevel(logging.INFO)
    logging.captureWarnings(True)
    warnings.simplefilter("default")  # each warning once per place, into the log
    _prune(where)
    return _current


def _prune(where: Path) -> None:
    logs = sorted(where.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in logs[KEEP:]:
        old.unlink(missing_ok=True)


def write(text: str) -> None:
    """Append text to this run's log (nothing if no log is open)."""
    if _current is not None:
        with open(_current, "a", encoding="utf-8") as log:
            log.write(text if text.endswith("\n") else text + "\n")


def redirect_process_output(path: str | Path) -> None:
    """Send everything this process writes to its stdout and stderr, and what every process it starts
    inherits, to the log: for a grading worker, whose output (nbgrader's log, warnings) is noise to a TA."""
    global _current
    _current = Path(path)
    sys.stdout.flush()
    sys.stderr.flush()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format=f"%(asctime)s [{os.getpid()}] %(name)s "
                        "%(levelname)s %(message)s")  # nbgrader's own log lines, for who reads the log


@contextmanager
def output_to(path: str | Path | None) -> Iterator[None]:
    """Inside, this process's stdout and stderr (file descriptors 1 and 2, which the processes it starts
    inherit) write to the log at `path`; as before on the way out. Nothing changes with no `path`."""
    if path is None:
        yield
        return
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for descriptor in (fd, *saved):
            os.close(descriptor)


def output_sink(label: str, cap: int = KERNEL_OUTPUT_CAP) -> int:
    """A pipe for a child process's stdout and stderr, copied to this process's stderr (the log, in a grading
    worker) with each line prefixed by `label`, up to `cap` bytes; returns the write end for the child. The
    caller closes its copy once the child has started.

    A pipe, not the log file itself: a kernel runs under a file size limit, which a shared file could reach."""
    read_end, write_end = os.pipe()
    threading.Thread(target=_copy, args=(read_end, label, cap), daemon=True, name=f"output of {label}").start()
    return write_end


def _copy(read_end: int, label: str, cap: int) -> None:
    kept = dropped = 0
    line_start = True
    while chunk := os.read(read_end, 65536):
        room = max(0, cap - kept)
        kept += len(chunk[:room])
        dropped += len(chunk[room:])
        if chunk[:room]:
            text = chunk[:room].decode("utf-8", "replace")
            _emit(_prefixed(text, label, line_start))
            line_start = text.endswith("\n")
    os.close(read_end)
    if dropped:
        note = f"... {dropped} more bytes of its output not kept (over {cap})\n"
        _emit(("" if line_start else "\n") + _prefixed(note, label, True))


def _prefixed(text: str, label: str, line_start: bool) -> str:
    """`text` with `[label] ` before each line (not before the first if it continues an earlier line)."""
    lines = text.splitlines(keepends=True)
    return "".join((f"[{label}] " if i or line_start else "") + line for i, line in enumerate(lines))


def _emit(text: str) -> None:
    try:
        os.write(2, text.encode())
    except OSError:
        pass
