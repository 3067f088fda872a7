"""nbgrader's Execute preprocessor with the course's limits, for `mlmath grade`.

Stock nbgrader stops grading a submission whose kernel dies, and loses every score of it. Here a submission
is always graded on what ran: a cell that hits a limit (time per cell or per notebook, CPU, memory, output)
or kills its kernel gets an error output that names the limit, which scores it 0 as any failed test; when
the kernel cannot go on, the cells after it get the same; the cells before keep their outputs and points.
What stopped a cell is recorded where it happens, as a `mlmath.outcomes.Stop` in the metadata of the cell it
stopped and of the cells it kept from running; the grader and the reports read it from there.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field, replace
from queue import Empty

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_async, run_sync
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool

from mlmath import outcomes
from mlmath.config import MlmathLimits
from mlmath.outcomes import CELL_TIMEOUT_ENAME, KERNEL_DIED_ENAME, LIMIT_ENAME, NOT_RUN, OUTPUT_NOTE, Stop, StopKind
from mlmath.sandbox.widgets import NoWidgetFrontend


def error_output(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class GuardedExecute(NoWidgetFrontend, Execute):
    """Execute every cell in a sandboxed kernel under the course's limits; never lose what ran. Widgets are run
    without a front end (mlmath.sandbox.widgets): their state and captured outputs stay within the limits."""

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
        self._stopped: tuple[str, str, Stop] | None = None  # (ename, evalue, stop) for the cells not run
        outcomes.forget(nb.cells)  # what a submitted notebook says about stops is not the grader's
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
        name = outcomes.cell_name(cell, index)
        if self._stopped is None and time.monotonic() >= self._deadline:
            stop = Stop(StopKind.NOTEBOOK_TIME, self._notebook_limit(), name, ran=False)
            self._stopped = (LIMIT_ENAME, NOT_RUN + self._notebook_limit(), stop)
        if self._stopped is not None:
            ename, evalue, stop = self._stopped
            cell.outputs = [error_output(ename, evalue)]
            outcomes.record(cell, stop)
            return cell, self.resources
        self._cell_timed_out = False
        try:
            cell, resources = self.run_cell(cell, resources, index)
        except DeadKernelError:
            kind, reason = self._death()
            evalue = f"the kernel stopped while running this cell: {reason}"
            cell.outputs.append(error_output(KERNEL_DIED_ENAME, evalue))
            stop = Stop(kind, reason if kind is StopKind.LIMIT else f"the kernel stopped ({reason})", name)
            outcomes.record(cell, stop)
            self._stopped = (KERNEL_DIED_ENAME, f"{NOT_RUN}the kernel stopped in an earlier cell ({reason})",
                             replace(stop, ran=False))
            return cell, self.resources
        if self._cell_timed_out:
            self._after_timeout(cell, name)
        self._record_other_limits(cell, name, index)
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

    async def _async_handle_timeout(self, timeout: int, cell: NotebookNode | None = None) -> dict | None:
        self._cell_timed_out = True  # nbclient interrupts the cell at its time limit: the stop happens here
        return await super()._async_handle_timeout(timeout, cell)

    def _after_timeout(self, cell: NotebookNode, name: str) -> None:
        """A cell was interrupted at a time limit: say which one, and stop if the kernel cannot go on."""
        if time.monotonic() >= self._deadline - 0.5:
            interrupted = (CELL_TIMEOUT_ENAME, "KeyboardInterrupt")  # the interrupt at the notebook's deadline
            cell.outputs = [o for o in cell.outputs if not (o.output_type == "error" and o.ename in interrupted)]
            cell.outputs.append(error_output(LIMIT_ENAME, self._notebook_limit()))
            stop = Stop(StopKind.NOTEBOOK_TIME, self._notebook_limit(), name)
            self._stopped = (LIMIT_ENAME, NOT_RUN + self._notebook_limit(), replace(stop, ran=False))
        elif not self._kernel_responds(seconds=10):
            evalue = (f"the time limit per cell ({self.timeout} s); the kernel did not stop when interrupted, "
                      "so the cells after this one were not run")
            cell.outputs.append(error_output(LIMIT_ENAME, evalue))
            stop = Stop(StopKind.CELL_TIME, evalue, name)
            self._stopped = (LIMIT_ENAME, NOT_RUN + "the kernel did not stop when interrupted in an earlier cell",
                             replace(stop, ran=False))
        else:
            stop = Stop(StopKind.CELL_TIME, f"the time limit per cell ({self.timeout} s)", name)
        outcomes.record(cell, stop)

    def _record_other_limits(self, cell: NotebookNode, name: str, index: int) -> None:
        """A limit the cell ran into without stopping the kernel: its output cut, or an error a limit raised."""
        reached = self._output_tally().noted.get(index)
        if reached:
            outcomes.record(cell, Stop(StopKind.LIMIT, f"the output limit ({reached})", name))
        for output in cell.outputs:
            limit = output.output_type == "error" and outcomes.raised_limit(output.ename, str(output.evalue))
            if limit:
                outcomes.record(cell, Stop(StopKind.LIMIT, limit, name))
                if limit == outcomes.PROCESS_LIMIT:
                    self.kill_strays()

    def kill_strays(self) -> None:
        """After the kernel ran into the process limit: end what its code started besides it (a fork bomb's
        copies would keep the cores busy until the notebook ends; mlmath.sandbox.strays)."""
        kill = getattr(self.km, "kill_strays", None)  # a sandboxed kernel's manager
        if kill is not None:
            kill()

    def _notebook_limit(self) -> str:
        return f"the time limit per notebook ({self.limits.notebook_seconds} s)"

    def _kernel_responds(self, seconds: float) -> bool:
        """Whether the kernel answers a kernel_info request, after an interrupt, within `seconds`."""
        return self._reply_to(self.kc.kernel_info(), seconds=seconds) is not None

    def _death(self) -> tuple[StopKind, str]:
        """Why the kernel died (KERNEL_DIED, or LIMIT when a limit's signal killed it), once it has been reaped."""
        exit_stop = getattr(self.km, "exit_stop", None)
        for _ in range(20):
            found = exit_stop() if exit_stop else None
            if found:
                return found
            time.sleep(0.1)
        return StopKind.KERNEL_DIED, "it exited"

    def output(self, outs, msg, display_id, cell_index):
        """Keep a cell's output within the limits, whatever the kernel sends: `output_kb` per cell and
        `notebook_output_kb` per notebook, at most MAX_OUTPUTS outputs per cell (consecutive text of one stream
        is merged into one output), an output's metadata only while small; past a limit the rest is dropped
        with a note. A cell's first error is always kept, shortened, as it scores. Display ids are never
        recorded, so no later update_display_data can change or multiply what was kept."""
        tally = self._output_tally()
        content = msg.get("content", {})
        if msg["msg_type"] == "error":
            if not any(o.get("output_type") == "error" for o in outs):
                shorten_error(content, ERROR_BYTES if tally.left(self.limits) > 0 else ERROR_BYTES_PAST_LIMIT)
                tally.add(cell_index, _size(content), 1)  # counted, never dropped
                return super().output(outs, msg, None, cell_index)
            shorten_error(content, ERROR_BYTES)
        elif len(json.dumps(content.get("metadata") or {}, default=str)) > METADATA_BYTES:
            content["metadata"] = {}
        size = _size(content)
        mergeable = (msg["msg_type"] == "stream" and outs and not self.clear_before_next_output
                     and cell_index not in tally.noted
                     and outs[-1].get("output_type") == "stream" and outs[-1].get("name") == content.get("name"))
        reached = tally.reached(cell_index, size, 0 if mergeable else 1, self.limits)
        if not reached:
            tally.add(cell_index, size, 0 if mergeable else 1)
            if mergeable:
                outs[-1].text += content.get("text", "")
                return None
            return super().output(outs, msg, None, cell_index)
        if cell_index not in tally.noted:
            tally.noted[cell_index] = reached
            outs.append(NotebookNode(output_type="stream", name="stdout",
                                     text=f"{OUTPUT_NOTE} ({reached}) was reached; the rest was dropped]\n"))
        return None

    def on_cell_executed(self, **kwargs):
        """nbgrader records the execute reply's error when no error output has its name: shortened the same way
        as the error output (same name), so a huge error is neither recorded twice nor in full."""
        content = kwargs["execute_reply"].get("content", {})
        if content.get("status") == "error":
            shorten_error(content, ERROR_BYTES)
        return super().on_cell_executed(**kwargs)

    def _output_tally(self) -> OutputTally:
        """This notebook's output tally (made anew with `_output_bytes`, which `preprocess` resets per notebook)."""
        tally = getattr(self, "_tally", None)
        if tally is None or tally.bytes is not self._output_bytes:
            tally = self._tally = OutputTally(self._output_bytes)
        return tally


MAX_OUTPUTS = 200  # outputs kept per cell
METADATA_BYTES = 4 * 1024  # an output's metadata (as JSON) kept up to this size, else dropped
ERROR_BYTES = 16 * 1024  # an error's name, message and traceback kept, together
ERROR_BYTES_PAST_LIMIT = 1024  # the same, once the notebook's output limit is reached


@dataclass
class OutputTally:
    """What one notebook's cells have output so far."""

    bytes: dict[int, int]  # per cell
    counts: dict[int, int] = field(default_factory=dict)  # outputs per cell
    noted: dict[int, str] = field(default_factory=dict)  # cells that got the note that a limit was reached: which
    total: int = 0

    def left(self, limits: MlmathLimits) -> int:
        return limits.notebook_output_kb * 1024 - self.total

    def reached(self, cell: int, size: int, count: int, limits: MlmathLimits) -> str:
        """The limit that `size` more bytes and `count` more outputs in `cell` would pass ("" for none)."""
        if self.counts.get(cell, 0) + count > MAX_OUTPUTS:
            return f"{MAX_OUTPUTS} outputs per cell"
        if self.bytes.get(cell, 0) + size > limits.output_kb * 1024:
            return f"{limits.output_kb} KiB per cell"
        if size > self.left(limits):
            return f"{limits.notebook_output_kb} KiB per notebook"
        return ""

    def add(self, cell: int, size: int, count: int) -> None:
        self.bytes[cell] = self.bytes.get(cell, 0) + size
        self.counts[cell] = self.counts.get(cell, 0) + count
        self.total += size


def shorten_error(content: dict, budget: int) -> None:
    """Shorten an error's name, message and traceback in place to about `budget` characters together: the
    name and the start of the message first, then the traceback's last lines (where the error was raised)."""
    content["ename"] = str(content.get("ename", ""))[:200]
    content["evalue"] = str(content.get("evalue", ""))[:min(2000, budget // 2)]
    left = budget - len(content["ename"]) - len(content["evalue"])
    kept: list[str] = []
    for line in reversed([str(line) for line in content.get("traceback") or []][-40:]):
        line = line[:2000]
        if len(line) > left:
            break
        kept.insert(0, line)
        left -= len(line)
    content["traceback"] = kept or [f"{content['ename']}: {content['evalue']}"[:budget]]


def _size(content: dict) -> int:
    """Characters of a message's payload: its text, every representation of its data, its metadata, and an
    error's name, message and traceback."""
    size = len(content.get("text", ""))
    for value in (content.get("data") or {}).values():
        size += len(value) if isinstance(value, str) else len(json.dumps(value, default=str))
    if content.get("metadata"):
        size += len(json.dumps(content["metadata"], default=str))
    size += len(str(content.get("ename", ""))) + len(str(content.get("evalue", "")))
    return size + sum(len(str(line)) for line in content.get("traceback") or [])
