"""A Jupyter kernel manager that starts each kernel in its own bubblewrap sandbox, under the course's limits.

nbgrader's Execute preprocessor starts its kernel through a jupyter_client kernel manager; this one changes
only how the kernel process is launched (and how it is interrupted), so everything else (nbclient's
messaging, time limits per cell, nbgrader's scoring) is the stock code.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from mlmath.config import MlmathLimits, MlmathSandbox
from mlmath.sandbox import bubblewrap

SIGNAL_LIMITS = {
    signal.SIGXCPU: "the CPU time limit",
    signal.SIGKILL: "a kill signal (the CPU time limit's hard stop, or the system running out of memory)",
    signal.SIGXFSZ: "the file size limit",
}


def private_files(folder: Path, into: Path) -> None:
    """Copy the files a kernel may see: the submission's folder as nbgrader prepared it, without notebooks
    (the notebook being graded holds the hidden tests)."""
    shutil.copytree(folder, into, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"), symlinks=False,
                    dirs_exist_ok=True)


def kernel_uid() -> int | None:
    """The kernel's own user when grading as root: unused by anyone else, one per grading process, so the
    process limit counts this kernel's processes only."""
    return 1_000_000 + os.getpid() if bubblewrap.is_root() else None


class SandboxedKernelManager(AsyncKernelManager):
    """Starts the kernel inside bubblewrap; interrupts it by message (a signal cannot cross the sandbox)."""

    _scratch: str | None = None

    async def _async_pre_start_kernel(self, **kw: Any):
        self._scratch = tempfile.mkdtemp(prefix="mlmath-sandbox-")
        sockets = Path(self._scratch, "kernel")
        sockets.mkdir()
        self.transport = "ipc"
        self.ip = str(sockets / "k")  # the sockets are <ip>-<n>: in the folder both sides see
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        self.kernel_spec.interrupt_mode = "message"
        return kernel_cmd, kw

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        scratch = Path(self._scratch)
        files = scratch / "files"
        cwd = Path(kw.get("cwd") or os.getcwd())
        private_files(cwd, files)
        inside = self._inside_connection_file(scratch / "kernel" / "kernel.json")
        command = [inside if arg == self.connection_file else arg for arg in kernel_cmd]
        limits = MlmathLimits(config=self.config)
        sandbox = MlmathSandbox(config=self.config)
        env = {name: kw["env"][name] for name in ("NBGRADER_EXECUTION",) if name in kw.get("env", {})}
        full = bubblewrap.command(
            command, bubblewrap.Mounts(files, scratch / "kernel"), cwd.name,
            limits={"cpu_seconds": limits.cpu_seconds, "memory_mb": limits.memory_mb,
                    "processes": limits.processes, "file_mb": limits.file_mb, "open_files": 256},
            uid=kernel_uid(), render_figures=sandbox.render_figures, extra_env=env, bwrap=sandbox.bwrap,
        )
        await super()._async_launch_kernel(full, **kw)

    def _inside_connection_file(self, path: Path) -> str:
        """The kernel's copy of its connection file, with the socket path as the sandbox sees it."""
        info = json.loads(Path(self.connection_file).read_text())
        info["ip"] = f"{bubblewrap.RUN}/kernel/k"
        path.write_text(json.dumps(info))
        return f"{bubblewrap.RUN}/kernel/kernel.json"

    def exit_reason(self) -> str:
        """Why the kernel's sandbox ended, in words for the report ("" while it runs)."""
        process = getattr(self.provisioner, "process", None)
        code = None if process is None else process.poll()
        return describe_exit(code)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if self._scratch and not restart:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None


def describe_exit(code: int | None) -> str:
    """Words for the exit status of a kernel's sandbox (bubblewrap passes on its kernel's status; a kernel
    killed by signal N shows as 128 + N)."""
    if code is None:
        return ""
    number = -code if code < 0 else code - 128 if code > 128 else 0
    if number:
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f"killed by {SIGNAL_LIMITS.get(number, name)}" + (f" ({name})" if number in SIGNAL_LIMITS else "")
    return f"exited with status {code}"
