"""nbgrader's Execute preprocessor with the course's limits, for `mlmath grade`.

Stock nbgrader stops grading a submission whose kernel dies, and loses every score of it. Here a submission
is always graded on what ran: a cell that hits a limit (time per cell or per notebook, CPU, memory, output)
or kills its kernel gets an error output that names the limit, which scores it 0 as any failed test; when
the kernel cannot go on, the cells after it get the same; the cells before keep their outputs and points.
The error outputs' names (see `mlmath.grading.stops`) let the grader report what happened.
"""

from __future__ import annotations

import math
import time
from queue import Empty

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_async, run_sync
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool

from mlmath.config import MlmathLimits
from mlmath.grading.stops import CELL_TIMEOUT, KERNEL_DIED, LIMIT, NOT_RUN, OUTPUT_NOTE


def error_output(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class GuardedExecute(Execute):
    """Execute every cell in a sandboxed kernel under the course's limits; never lose what ran."""

    sandboxed = Bool(True, help="Start kernels in a bubblewrap sandbox (mlmath.sandbox.kernel).").tag(config=True)

    def __init__(self, **kw):
        from mlmath.sandbox.kernel import SandboxedKernelManager

        sandboxed = kw.pop("sandboxed", None)
        super().__init__(**kw)
        if sandboxed is not None:
            self.sandboxed = sandboxed
        self.kernel_manager_class = SandboxedKernelManager if self.sandboxed else AsyncKernelManager
        self.limits = MlmathLimits(config=self.config)

    def preprocess(self, nb, resources=None, km=None):
        self._deadline: float | None = None
        self._stopped: tuple[str, str] | None = None  # (ename, evalue) for the cells that can no longer run
        self._output_bytes: dict[int, int] = {}
        return super().preprocess(nb, resources, km)

    def _get_timeout(self, cell):
        timeout = super()._get_timeout(cell)
        if self._deadline is None:
            return timeout
        remaining = max(1, math.ceil(self._deadline - time.monotonic()))
        return remaining if timeout is None else min(timeout, remaining)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not cell.source.strip():
            return cell, self.resources
        if self._deadline is None:
            self._deadline = time.monotonic() + self.limits.notebook_seconds
        if self._stopped is None and time.monotonic() >= self._deadline:
            self._stopped = (LIMIT, NOT_RUN + self._notebook_limit())
        if self._stopped is not None:
            cell.outputs = [error_output(*self._stopped)]
            return cell, self.resources
        try:
            cell, resources = self.run_cell(cell, resources, index)
        except DeadKernelError:
            reason = self._death()
            cell.outputs.append(error_output(KERNEL_DIED, f"the kernel stopped while running this cell: {reason}"))
            self._stopped = (KERNEL_DIED, f"{NOT_RUN}the kernel stopped in an earlier cell ({reason})")
            return cell, self.resources
        if any(o.output_type == "error" and o.ename == CELL_TIMEOUT for o in cell.outputs):
            self._after_timeout(cell)
        return cell, self.resources

    def run_cell(self, cell: NotebookNode, resources, index: int):
        """Run one code cell (the hook that mlmath.trusted.execute routes test cells through)."""
        return super().preprocess_cell(cell, resources, index)

    async def _async_reply_to(self, msg_id: str, seconds: float) -> dict | None:
        """The content of the kernel's shell reply to `msg_id` (other replies are skipped), or None if it
        does not come within `seconds`."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                reply = await ensure_async(self.kc.shell_channel.get_msg(timeout=left))
            except (Empty, TimeoutError):
                return None
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                return reply["content"]
        return None

    _reply_to = run_sync(_async_reply_to)

    def _after_timeout(self, cell: NotebookNode) -> None:
        """A cell was interrupted at a time limit: say which one, and stop if the kernel cannot go on."""
        if time.monotonic() >= self._deadline - 0.5:
            interrupted = (CELL_TIMEOUT, "KeyboardInterrupt")  # the interrupt at the notebook's deadline
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "error" and o.ename in interrupted)]
            cell.outputs.append(error_output(LIMIT, self._notebook_limit()))
            self._stopped = (LIMIT, NOT_RUN + self._notebook_limit())
        elif not self._kernel_responds(seconds=10):
            evalue = (f"the time limit per cell ({self.timeout} s); the kernel did not stop when interrupted, "
                      "so the cells after this one were not run")
            cell.outputs.append(error_output(LIMIT, evalue))
            self._stopped = (LIMIT, NOT_RUN + "the kernel did not stop when interrupted in an earlier cell")

    def _notebook_limit(self) -> str:
        return f"the time limit per notebook ({self.limits.notebook_seconds} s)"

    def _kernel_responds(self, seconds: float) -> bool:
        """Whether the kernel answers a kernel_info request, after an interrupt, within `seconds`."""
        return self._reply_to(self.kc.kernel_info(), seconds=seconds) is not None

    def _death(self) -> str:
        """Why the kernel died, once its process has been reaped."""
        exit_reason = getattr(self.km, "exit_reason", None)
        for _ in range(20):
            reason = exit_reason() if exit_reason else ""
            if reason:
                return reason
            time.sleep(0.1)
        return "it exited"

    def output(self, outs, msg, display_id, cell_index):
        """Keep at most `output_kb` of a cell's output; an error is always kept (shortened), as it scores."""
        content = msg.get("content", {})
        if msg["msg_type"] == "error":
            content["evalue"] = str(content.get("evalue", ""))[:2000]
            content["traceback"] = [line[:2000] for line in content.get("traceback", [])[-40:]]
            return super().output(outs, msg, display_id, cell_index)
        size = _size(content)
        used = self._output_bytes.get(cell_index, 0)
        self._output_bytes[cell_index] = used + size
        limit = self.limits.output_kb * 1024
        if used + size <= limit:
            return super().output(outs, msg, display_id, cell_index)
        if used <= limit:
            self._output_bytes[cell_index] = limit + 1
            note = f"{OUTPUT_NOTE} ({self.limits.output_kb} KiB per cell) was reached; the rest was dropped]\n"
            outs.append(NotebookNode(output_type="stream", name="stdout", text=note))
        return None


def _size(content: dict) -> int:
    """Bytes of a message's payload: its text and every representation of its data."""
    size = len(content.get("text", ""))
    for value in (content.get("data") or {}).values():
        size += len(value) if isinstance(value, str) else len(str(value))
    return size
