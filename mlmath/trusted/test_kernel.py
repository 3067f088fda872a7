"""The grader's side of the trusted test kernel: a sandboxed process (runner.py) started once per grading
process and reused for every submission it grades, with a fresh namespace each time.

The test kernel sees the read-only system and Python and its own code, nothing of the course folder, and
has no network, like a student's kernel; but it never runs, imports, evaluates or unpickles anything that
came from a student: it gets the course's own cells (from the gradebook) and plain data.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mlmath.sandbox import bubblewrap

HERE = Path(__file__).parent
RUNNER = f"{bubblewrap.RUN}/trusted/runner.py"
LINE_LIMIT = 256 * 1024 * 1024  # bytes of one message from the runner


class TestKernelError(RuntimeError):
    """The test kernel could not be started, stopped answering, or broke its protocol."""


class TestKernel:
    """One runner process; `request` sends a message and `receive` reads one, within a deadline."""

    def __init__(self, sandboxed: bool = True, memory_mb: int = 4096) -> None:
        self.sandboxed = sandboxed
        self.memory_mb = memory_mb
        self.process: subprocess.Popen | None = None
        self._stderr = None
        self._buffer = b""

    # --- the process --------------------------------------------------------------------------------------

    def command(self) -> list[str]:
        if not self.sandboxed:
            return [sys.executable, "-I", str(HERE / "runner.py")]
        uid = 2_000_000 + os.getpid() if bubblewrap.is_root() else None
        settings = {"copy_from": f"{bubblewrap.RUN}/files", "workdir": f"{bubblewrap.HOME}/tests", "uid": uid,
                    "limits": {"cpu_seconds": 10**7, "memory_mb": self.memory_mb, "processes": 64, "file_mb": 16,
                               "open_files": 256},
                    "give": ["/tmp"]}
        scratch_bytes = str(16 * 1024 * 1024)
        return [
            "bwrap",
            "--size", scratch_bytes, "--tmpfs", "/tmp",
            "--perms", "0755", "--dir", "/home",
            "--size", scratch_bytes, "--tmpfs", bubblewrap.HOME,
            *bubblewrap.system_mounts(),
            "--proc", "/proc", "--dev", "/dev",
            "--perms", "0755", "--dir", "/run", "--perms", "0755", "--dir", bubblewrap.RUN,
            "--ro-bind", str(bubblewrap.LAUNCHER), f"{bubblewrap.RUN}/launch.py",
            "--ro-bind", str(HERE), f"{bubblewrap.RUN}/trusted",
            "--dir", f"{bubblewrap.RUN}/files",
            "--remount-ro", "/dev", "--remount-ro", "/",
            *bubblewrap.namespaces(),
            "--die-with-parent", "--new-session", "--clearenv",
            *bubblewrap.environment(False, {}),
            "--chdir", "/",
            "--",
            sys.executable, "-I", "-S", f"{bubblewrap.RUN}/launch.py", json.dumps(settings), "--",
            sys.executable, "-I", RUNNER,
        ]

    def start(self) -> None:
        self.stop()
        self._stderr = tempfile.TemporaryFile()  # no name on disk: nothing is left behind, whatever happens
        try:
            self.process = subprocess.Popen(self.command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=self._stderr, close_fds=True)
        except OSError as error:
            raise TestKernelError(f"the test kernel could not start: {error}") from None
        self._buffer = b""

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                if stream:
                    stream.close()
            self.process = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def stderr_tail(self) -> str:
        """The end of what the test kernel wrote to its stderr (for a person, when it failed)."""
        if self._stderr is None:
            return ""
        try:
            self._stderr.seek(0, os.SEEK_END)
            self._stderr.seek(max(0, self._stderr.tell() - 2000))
            return self._stderr.read().decode(errors="replace")
        except (OSError, ValueError):
            return ""

    # --- messages -----------------------------------------------------------------------------------------

    def send(self, message: dict) -> None:
        if not self.alive():
            raise TestKernelError(f"the test kernel is not running {self.stderr_tail()}")
        try:
            self.process.stdin.write(json.dumps(message, separators=(",", ":")).encode() + b"\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise TestKernelError(f"the test kernel stopped {self.stderr_tail()}") from None

    def receive(self, deadline: float) -> dict | None:
        """The next message, or None if none came before `deadline` (time.monotonic())."""
        fd = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise TestKernelError(f"the test kernel stopped {self.stderr_tail()}")
            self._buffer += chunk
            if len(self._buffer) > LINE_LIMIT:
                raise TestKernelError("the test kernel sent a message over the size limit")
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    def reset(self, setup: list[str], answers: dict[str, str], seconds: float = 120) -> None:
        """A fresh namespace for the next submission, with the course's setup cells run in it (the test kernel
        is started first if it is not running)."""
        if not self.alive():
            self.start()
        self.send({"op": "reset", "setup": setup, "answers": answers})
        reply = self.receive(time.monotonic() + seconds)
        if reply is None or reply.get("op") != "ready":
            self.stop()
            raise TestKernelError("the test kernel did not get ready: " + (self.stderr_tail() or "no answer"))
        if reply.get("error"):
            raise TestKernelError(f"the course's setup cells failed in the test kernel: {reply['error']['traceback']}")


_shared: dict[tuple, TestKernel] = {}


def shared(sandboxed: bool, memory_mb: int) -> TestKernel:
    """This grading process's test kernel (one per setting), started on first use and stopped at exit."""
    key = (sandboxed, memory_mb)
    if key not in _shared:
        _shared[key] = TestKernel(sandboxed, memory_mb)
        atexit.register(_shared[key].stop)
    return _shared[key]
