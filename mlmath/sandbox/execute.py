"""nbgrader's Execute preprocessor with the course's limits, for `mlmath grade`.

Stock nbgrader stops grading a submission whose kernel dies, and loses every score of it. Here a submission
is always graded on what ran: a cell that hits a limit (time per cell or per notebook, CPU, memory, output)
or kills its kernel gets an error output that names the limit, which scores it 0 as any failed test; when
the kernel cannot go on, the cells after it get the same; the cells before keep their outputs and points.
The error outputs' names (see `mlmath.grading.stops`) let the grader report what happened.
"""

from __future__ import annotations

import ast
import inspect
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
from mlmath.grading.stops import CELL_TIMEOUT, KERNEL_DIED, LIMIT, NOT_RUN, OUTPUT_NOTE, TAMPERED
from mlmath.notebooks import is_autograded_test, nbgrader_meta
from mlmath.sandbox import kernel_guard

GUARD_OFF, GUARD_CLEAN, GUARD_DIRTY, GUARD_BROKEN = "off", "clean", "dirty", "broken"
GUARD_SOURCE = inspect.getsource(kernel_guard._make_guard)


GUARD_FAILED = "the grader's guard"


def tampering_message(changed: list[str]) -> str:
    if changed[0].startswith(GUARD_FAILED):
        return f"the grader could not check what this test relies on ({changed[0]}): the test is not counted"
    shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
    return f"while this test ran, your code changed {shown}; the grader put it back and does not count this test"


def is_students(cell: NotebookNode) -> bool:
    """A code cell whose source the student may have written: an answer cell, or any cell that is neither
    read-only nor a test (those are restored from the gradebook before grading)."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("solution")) or not (meta.get("locked") or meta.get("grade"))


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
        self._guard = GUARD_OFF  # until the first cell a student may have written; then CLEAN, DIRTY or BROKEN
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
        test = is_autograded_test(cell)
        if self._guard == GUARD_OFF and is_students(cell):
            self._install_guard()  # what the read-only cells above set up is what the tests rely on
        if test and self._guard == GUARD_DIRTY:
            self._restore()  # undo what answer and lesson cells changed before this test runs
        elif not test and self._guard == GUARD_CLEAN:
            self._guard = GUARD_DIRTY
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            reason = self._death()
            cell.outputs.append(error_output(KERNEL_DIED, f"the kernel stopped while running this cell: {reason}"))
            self._stopped = (KERNEL_DIED, f"{NOT_RUN}the kernel stopped in an earlier cell ({reason})")
            return cell, self.resources
        if any(o.output_type == "error" and o.ename == CELL_TIMEOUT for o in cell.outputs):
            self._after_timeout(cell)
        if test and self._guard in (GUARD_CLEAN, GUARD_DIRTY) and self._stopped is None:
            changed = self._restore()
            if changed:
                cell.outputs.append(error_output(TAMPERED, tampering_message(changed)))
        return cell, self.resources

    # --- the guard against answers that tamper with the tests (mlmath.sandbox.kernel_guard) -----------------

    def _install_guard(self) -> None:
        reply = self._run_silently(GUARD_SOURCE + "\n" + kernel_guard.INSTALL)
        self._guard = GUARD_CLEAN if reply is not None and reply.get("status") == "ok" else GUARD_BROKEN

    def _restore(self) -> list[str]:
        """Put back what answers changed; what it was (["the grader's guard"] if it cannot tell)."""
        self._guard = GUARD_CLEAN
        reply = self._run_silently("", {"changed": kernel_guard.RESTORE})
        try:
            result = reply["user_expressions"]["changed"]
            return list(ast.literal_eval(result["data"]["text/plain"])) if result["status"] == "ok" else [
                GUARD_FAILED + f" ({result.get('ename')})"]
        except (TypeError, KeyError, ValueError, SyntaxError):
            return [GUARD_FAILED + " (no answer from it)"]

    def _run_silently(self, code: str, expressions: dict | None = None) -> dict | None:
        """Run code in the kernel without recording it in the notebook; its reply content, or None."""
        msg_id = self.kc.execute(code, silent=True, store_history=False, user_expressions=expressions or {},
                                 allow_stdin=False, stop_on_error=False)
        return self._reply_to(msg_id, seconds=10)

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
