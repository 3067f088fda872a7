"""A Jupyter kernel manager that starts each kernel in its own bubblewrap sandbox, under the course's limits.

nbgrader's Execute preprocessor starts its kernel through a jupyter_client kernel manager; this one changes
only how the kernel process is launched (and how it is interrupted, and where its sockets are), so everything
else (nbclient's messaging, time limits per cell, nbgrader's scoring) is the stock code.

Nothing of a kernel is left on the host's disk, whether it starts or not and whether its grading worker lives
or dies: its sockets are on a small tmpfs inside its sandbox (reached through /proc/<pid>/root), its
connection file goes in through a pipe, and its files are mounted read-only from the folder nbgrader made.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from mlmath import runlog, submission_files
from mlmath.config import MlmathLimits, MlmathSandbox
from mlmath.outcomes import StopKind
from mlmath.sandbox import bubblewrap, font_cache, strays

SIGNAL_LIMITS = {
    signal.SIGXCPU: "the CPU time limit",
    signal.SIGKILL: "a kill signal (the CPU time limit's hard stop, or the system running out of memory)",
    signal.SIGXFSZ: "the file size limit",
}


class SandboxError(RuntimeError):
    """The kernel's sandbox could not be made; the message says why, for a person."""


def private_files(folder: Path, max_bytes: int, max_entries: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The files and folders a kernel may see (relative paths): the submission's folder as nbgrader prepared it,
    without notebooks (the notebook being graded holds the hidden tests).

    Raises SandboxError for a link or special file (never followed), more than `max_entries` entries, or files
    over `max_bytes` together (the kernel's home, where they are copied, holds no more).
    """
    entries, more = submission_files.scan(folder, max_entries)
    if more:
        raise SandboxError(f"the submission's folder holds more than {max_entries} files and folders")
    files, folders, size = [], [], 0
    for entry in entries:
        parts = entry.path.split("/")
        if ".ipynb_checkpoints" in parts or (entry.kind == submission_files.FILE and entry.path.endswith(".ipynb")):
            continue
        if entry.kind == submission_files.FOLDER:
            folders.append(entry.path)
        elif entry.kind == submission_files.FILE:
            files.append(entry.path)
            size += entry.size
        else:
            raise SandboxError(f"{submission_files.describe(folder, entry)}: never given to a kernel")
    if size > max_bytes:
        raise SandboxError(f"the submission's files are {size / submission_files.MIB:.1f} MiB together, over the "
                           f"{max_bytes / submission_files.MIB:g} MiB of the kernel's home (c.MlmathLimits.file_mb)")
    return tuple(files), tuple(folders)


def kernel_uid() -> int | None:
    """The kernel's own user when grading as root: unused by anyone else, one per grading process, so the
    process limit counts this kernel's processes only."""
    return 1_000_000 + os.getpid() if bubblewrap.is_root() else None


def home_files() -> dict[str, Path]:
    """The grader's files each kernel's home starts with: matplotlib's font list, when there is one."""
    fonts = font_cache.font_list()
    return {f"{font_cache.MATPLOTLIB_FOLDER}/{fonts.name}": fonts} if fonts else {}


class SandboxedKernelManager(AsyncKernelManager):
    """Starts the kernel inside bubblewrap; interrupts it by message (a signal cannot cross the sandbox)."""

    _sandbox: int | None = None  # the host's id of the sandbox's first process, once the kernel is launched

    async def _async_pre_start_kernel(self, **kw: Any):
        self.transport = "ipc"
        # The sockets are <ip>-<n>, as the kernel sees them; the grader's own path to them is known once the
        # sandbox runs (`_async_launch_kernel`). Nothing exists at this path on the host, so ports 1-5 are taken.
        self.ip = f"{bubblewrap.SOCKETS}/k"
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        self.kernel_spec.interrupt_mode = "message"
        return kernel_cmd, kw

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        cwd = Path(kw.get("cwd") or os.getcwd())
        limits = MlmathLimits(config=self.config)
        sandbox = MlmathSandbox(config=self.config)
        files, folders = private_files(cwd, limits.file_mb * submission_files.MIB, limits.submission_entries)
        command = [bubblewrap.CONNECTION_FILE if arg == self.connection_file else arg for arg in kernel_cmd]
        env = {name: kw["env"][name] for name in ("NBGRADER_EXECUTION",) if name in kw.get("env", {})}
        connection_read, connection_write = os.pipe()
        info_read, info_write = os.pipe()
        # The kernel's own output (its start-up banner, what its code writes to fd 1 or 2) goes to the grading
        # process's log, never to the TA's terminal.
        output = runlog.output_sink(f"kernel {cwd.parent.name}/{cwd.name}")
        try:
            os.write(connection_write, self._inside_connection_info())  # far less than a pipe holds
            os.close(connection_write)
            full = bubblewrap.command(
                command, bubblewrap.Mounts(cwd, files, folders, connection_read, info_write), cwd.name,
                limits={"cpu_seconds": limits.cpu_seconds, "memory_mb": limits.memory_mb,
                        "processes": limits.processes, "file_mb": limits.file_mb, "open_files": 256},
                uid=kernel_uid(), render_figures=sandbox.render_figures, extra_env=env, bwrap=sandbox.bwrap,
                home_files=home_files(),
            )
            await super()._async_launch_kernel(full, pass_fds=(connection_read, info_write),
                                               **{**kw, "stdout": output, "stderr": output})
        finally:
            for fd in (connection_read, info_write, output):
                os.close(fd)
        try:
            pid = await self._sandbox_pid(info_read)
        finally:
            os.close(info_read)
        self.ip = f"/proc/{pid}/root{bubblewrap.SOCKETS}/k"  # the kernel's socket folder, as the grader reaches it
        self._sandbox = pid

    def kill_strays(self) -> int:
        """Kill every process in the kernel's sandbox but the kernel (mlmath.sandbox.strays); the number killed."""
        return strays.kill_strays(self._sandbox) if self._sandbox is not None and self.exit_code() is None else 0

    def _inside_connection_info(self) -> bytes:
        """The kernel's connection file, with the socket path as the sandbox sees it."""
        info = json.loads(Path(self.connection_file).read_text())
        info["ip"] = f"{bubblewrap.SOCKETS}/k"
        return json.dumps(info).encode()

    async def _sandbox_pid(self, fd: int, seconds: float = 30.0) -> int:
        """The host's id of the sandbox's first process, which bubblewrap writes on its --info-fd."""
        os.set_blocking(fd, False)
        data, deadline = b"", time.monotonic() + seconds
        process = self.provisioner.process
        while time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 4096)
            except BlockingIOError:
                chunk = None
            if chunk:
                data += chunk
                try:
                    return int(json.loads(data)["child-pid"])
                except (ValueError, KeyError):
                    continue
            if chunk == b"" or process.poll() is not None:
                break
            await asyncio.sleep(0.01)
        if process.poll() is None:
            process.kill()
        raise SandboxError(f"the kernel's sandbox did not start ({describe_exit(process.wait()) or 'no reply'})")

    def cleanup_ipc_files(self) -> None:
        """Nothing to remove: the sockets lived on the sandbox's own tmpfs, which ended with it."""

    def exit_code(self) -> int | None:
        """The exit status of the kernel's sandbox (None while it runs)."""
        process = getattr(self.provisioner, "process", None)
        return None if process is None else process.poll()

    def exit_reason(self) -> str:
        """Why the kernel's sandbox ended, in words for the report ("" while it runs)."""
        return describe_exit(self.exit_code())

    def exit_stop(self) -> tuple[StopKind, str] | None:
        """What ended the kernel's sandbox, as the kind of stop and words (None while it runs)."""
        return exit_stop(self.exit_code())


def exit_signal(code: int) -> int:
    """The signal that killed a kernel from the exit status of its sandbox (bubblewrap passes on its kernel's
    status; a kernel killed by signal N shows as 128 + N), 0 if none did."""
    return -code if code < 0 else code - 128 if code > 128 else 0


def exit_stop(code: int | None) -> tuple[StopKind, str] | None:
    """LIMIT for a kernel killed by a limit's signal, else KERNEL_DIED, with words (None while it runs)."""
    if code is None:
        return None
    return StopKind.LIMIT if exit_signal(code) in SIGNAL_LIMITS else StopKind.KERNEL_DIED, describe_exit(code)


def describe_exit(code: int | None) -> str:
    """Words for the exit status of a kernel's sandbox."""
    if code is None:
        return ""
    number = exit_signal(code)
    if number:
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f"killed by {SIGNAL_LIMITS.get(number, name)}" + (f" ({name})" if number in SIGNAL_LIMITS else "")
    return f"exited with status {code}"
