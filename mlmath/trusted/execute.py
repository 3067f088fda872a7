"""Grading with two kernels: the answers run in the student's sandboxed kernel, the tests in a trusted one.

`TrustedExecute` is nbgrader's Execute preprocessor (through mlmath.sandbox.execute.GuardedExecute, which
adds the limits and crash handling) with one change: an autograded test cell is not sent to the student's
kernel. Its source is taken from the gradebook (never from the submitted notebook) and run in the test kernel
(mlmath.trusted.test_kernel), whose outputs become the cell's outputs, from which nbgrader records the
grade as usual. When a test uses a name it lacks (an answer's function, a value the student computed) the
test kernel asks for it here, and this class asks the student's kernel, over the Jupyter protocol, through
`student_side.py`: a call crosses as plain data and is answered through the kernel's input channel. So no
verdict depends on anything the student's code can reach: what it prints, displays or replies for a test
is never read, only the data its functions return.
"""

from __future__ import annotations

import copy
import errno
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty

import nbformat
import zmq
import zmq.asyncio
from jupyter_core.utils import ensure_async, run_sync
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbgrader.coursedir import CourseDirectory
from traitlets import Bool

from mlmath import outcomes
from mlmath.notebooks import TEST_KERNEL, grade_id, is_autograded_test, is_solution, mark_verdict, nbgrader_meta
from mlmath.outcomes import CELL_TIMEOUT_ENAME, LIMIT_ENAME, Stop, StopKind
from mlmath.sandbox.execute import GuardedExecute, error_output
from mlmath.trusted import lessons, test_kernel

HERE = Path(__file__).parent
HIDDEN_MARK = "BEGIN HIDDEN TESTS"
NAME_ERRORS = ("NameError", "UnboundLocalError")
ANSWER_LIMIT = 96 * 1024 * 1024  # characters of one reply from the student's kernel
INTERRUPT_GRACE = 10  # seconds an interrupted kernel has to stop
ASKS = 3  # times one request is put to the student's session before whatever it sent instead counts as nonsense


def bridge_installer() -> str:
    """Code that installs codec.py and student_side.py as modules in the student's kernel, outside its
    namespace (it binds no name there)."""
    codec_source = (HERE / "codec.py").read_text()
    side_source = (HERE / "student_side.py").read_text()
    program = (
        "import sys, types\n"
        "for name, source in ((\"__mlmath_codec__\", CODEC), (\"__mlmath_bridge__\", SIDE)):\n"
        "    module = types.ModuleType(name)\n"
        "    sys.modules[name] = module\n"
        "    exec(compile(source, '<' + name + '>', 'exec'), module.__dict__)\n"
    )
    return f"exec({program!r}, {{'CODEC': {codec_source!r}, 'SIDE': {side_source!r}}})"


@dataclass
class CourseCells:
    """What the test kernel runs for one notebook, all from the gradebook."""

    setup: list[str] = field(default_factory=list)  # read-only code cells that are not tests, in order
    tests: dict[str, str] = field(default_factory=dict)  # grade_id -> source of each autograded test cell


def course_cells(nb: NotebookNode, resources: dict) -> CourseCells:
    """The course's own setup and test cells of the notebook being graded, read from the gradebook; the
    notebook gives only the order of the setup cells."""
    from nbgrader.api import Gradebook

    info = resources["nbgrader"]
    with Gradebook(info["db_url"]) as gb:
        notebook = gb.find_notebook(info["notebook"], info["assignment"])
        tests = {c.name for c in notebook.grade_cells if c.cell_type == "code"} - {
            c.name for c in notebook.solution_cells}
        sources = {c.name: c for c in notebook.source_cells}
        cells = CourseCells(tests={name: sources[name].source for name in tests if name in sources})
        setup = [c for c in sources.values()
                 if c.cell_type == "code" and c.locked and c.name not in tests and c.name not in
                 {s.name for s in notebook.solution_cells}]
        order = {grade_id(cell): index for index, cell in enumerate(nb.cells)}
        ordered = [c.source for c in sorted(setup, key=lambda c: order.get(c.name, len(order)))]
        cells.setup = lessons.setup_for_tests(ordered, list(cells.tests.values()))
    return cells


def answer_sources(nb: NotebookNode) -> dict[str, str]:
    """The source of each answer cell, by grade_id (for the tests that read an answer's code)."""
    return {grade_id(c): c.source for c in nb.cells if c.cell_type == "code" and is_solution(c) and grade_id(c)}


class StudentKernelGone(Exception):
    """The student's kernel died while the test kernel was waiting for it."""


class TrustedExecute(GuardedExecute):
    """Execute a submission with its tests in the trusted test kernel."""

    skip_lessons = Bool(True, help="Leave out the lesson's own cells that nothing graded can depend on "
                        "(mlmath.trusted.lessons); the notebook is run again in full whenever one might have "
                        "mattered, so no score differs from a full run.").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        for cell in nb.cells:  # only the grader writes mlmath's metadata: drop whatever a submission brought
            cell.get("metadata", {}).pop("mlmath", None)
        nb.metadata.pop("mlmath", None)
        self._course = course_cells(nb, resources)
        self._answers = answer_sources(nb)
        self._tests = test_kernel.shared(self.sandboxed, max(2048, self.limits.memory_mb))
        full = copy.deepcopy(nb)
        self._plan = self._make_plan(nb, resources) if self.skip_lessons else lessons.Plan()
        nb, resources = self._execute(nb, resources, km)
        if self._partial and self._needs_full_run:
            self._plan = lessons.Plan()
            nb, resources = self._execute(full, resources, km)
            nb.metadata.setdefault("mlmath", {})["ran_again_in_full"] = True
        record = nb.metadata.setdefault("mlmath", {})
        record["cells_left_out"] = len(self._plan.skip)
        record["boundary"] = {"calls": self._calls, "seconds": round(self._call_seconds, 4)}
        return nb, resources

    @property
    def _partial(self) -> bool:
        return bool(self._plan.skip or self._plan.reduced)

    def _execute(self, nb, resources, km):
        self._dead = self._timed_out = self._needs_full_run = False
        self._limit = None
        self._session: str | None = None  # msg_id of the student's session answering this test cell
        self._calls, self._call_seconds = 0, 0.0  # round trips to the student's kernel, for the benchmark
        self._requests = 0  # the id of the last request put to the student's kernel
        self._bridge = False
        self._tests.reset(self._course.setup, self._answers)
        return super().preprocess(nb, resources, km)

    def _make_plan(self, nb, resources) -> lessons.Plan:
        info = resources["nbgrader"]
        coursedir = CourseDirectory(config=self.config)
        path = Path(coursedir.format_path(coursedir.source_directory, ".", info["assignment"]),
                    f"{info['notebook']}.ipynb")
        try:
            source = nbformat.read(str(path), as_version=4)
        except (OSError, ValueError):
            return lessons.Plan()
        lesson_sources = {c.source for c in source.cells if c.cell_type == "code" and not nbgrader_meta(c)}
        return lessons.plan(nb.cells, lesson_sources, list(self._course.tests.values()))

    def run_cell(self, cell: NotebookNode, resources, index: int):
        source = self._course.tests.get(grade_id(cell)) if is_autograded_test(cell) else None
        if source is None:
            if is_autograded_test(cell):  # marked as a test, but not one of the course's: not run anywhere
                cell.outputs = []
                return cell, resources
            if index in self._plan.skip:
                return cell, resources
            if self._plan.reduced and index in self._plan.reduced:  # run only the statements something needs
                part = copy.deepcopy(cell)
                part.source = self._plan.reduced[index]
                part, resources = super().run_cell(part, resources, index)
                cell.outputs, cell.execution_count = part.outputs, part.get("execution_count")
            else:
                cell, resources = super().run_cell(cell, resources, index)
            if self._partial and any(o.get("ename") in NAME_ERRORS for o in cell.get("outputs", [])):
                self._needs_full_run = True
            return cell, resources
        if not self._bridge:
            self._install_bridge()
        self._limit = None
        cell.outputs = self._run_test(source, self._get_timeout(cell) or 60)
        if not self._dead:
            self._close_session()
        if self._limit:
            detail = f"{self._limit}, in a call of the answer's code"
            cell.outputs.append(error_output(LIMIT_ENAME, detail))
            outcomes.record(cell, Stop(StopKind.LIMIT, detail, outcomes.cell_name(cell, index)))
        cell.execution_count = index + 1
        mark_verdict(cell, TEST_KERNEL)
        if self._dead:
            raise DeadKernelError("the student's kernel died during a test")
        return cell, resources

    # --- the test kernel ----------------------------------------------------------------------------------------

    def _run_test(self, source: str, seconds: float) -> list[NotebookNode]:
        """Run one test cell in the test kernel, answering its questions from the student's kernel."""
        self._dead = False
        self._timed_out = False
        deadline = time.monotonic() + seconds
        tests = self._tests
        try:
            tests.send({"op": "run", "source": source, "hidden": HIDDEN_MARK in source})
            while True:
                message = tests.receive(deadline + 5)
                if message is None:  # the test itself ran past the limit: start the test kernel again
                    tests.stop()
                    tests.reset(self._course.setup, self._answers)
                    self._cell_timed_out = True  # a stop at the time limit per cell (GuardedExecute records it)
                    return [error_output(CELL_TIMEOUT_ENAME, f"the test did not finish within {seconds:.0f} s")]
                op = message.get("op")
                if op == "done":
                    break
                if op == "lookup":
                    tests.send(self._ask_student({"op": "describe", "name": message.get("name", "")}, deadline))
                elif op == "call":
                    request = {k: message.get(k) for k in ("name", "args", "kwargs", "context")}
                    tests.send(self._ask_student({"op": "call", **request}, deadline))
        except test_kernel.TestKernelError as error:
            tests.stop()
            return [error_output("GraderError", f"the test kernel failed: {error}")]
        outputs = []
        if message.get("stdout"):
            outputs.append(NotebookNode(output_type="stream", name="stdout", text=message["stdout"]))
        error = message.get("error")
        if self._timed_out:
            self._cell_timed_out = True  # a stop at the time limit per cell (GuardedExecute records it)
            outputs.append(error_output(CELL_TIMEOUT_ENAME, f"the answer did not finish within the time limit per cell "
                                                      f"({seconds:.0f} s)"))
        elif error:
            outputs.append(NotebookNode(output_type="error", ename=str(error.get("ename", "Error")),
                                        evalue=str(error.get("evalue", "")),
                                        traceback=[str(t) for t in error.get("traceback", [])][:5]))
        return outputs

    def _ask_student(self, request: dict, deadline: float) -> dict:
        """Put one request (describe a name, call a function) to the student's kernel; what to tell the test
        kernel."""
        if self._dead or self._timed_out:
            return {"op": "failed", "reason": "the answer's kernel is no longer answering"}
        started = time.perf_counter()
        try:
            answer = self._exchange(request, deadline)
            self._calls += 1
            self._call_seconds += time.perf_counter() - started
        except StudentKernelGone:
            self._dead = True
            return {"op": "failed", "reason": "the answer's kernel died"}
        if answer is None:
            self._timed_out = True
            return {"op": "failed", "reason": "did not finish within the time limit per cell"}
        if self._partial and _may_need_a_left_out_cell(answer):
            self._needs_full_run = True
        reached = _limit_reached(answer)
        if reached == outcomes.PROCESS_LIMIT:  # what the answer forked would spin on until the notebook ends
            self.kill_strays()
        self._limit = self._limit or reached
        return {"op": "result", "answer": answer}

    def _install_bridge(self) -> None:
        msg_id = self.kc.execute(bridge_installer(), silent=True, store_history=False, allow_stdin=False,
                                 stop_on_error=False)
        self._reply_to(msg_id, seconds=30)
        self._bridge = True

    # --- the student's kernel -------------------------------------------------------------------------------
    # One execution per test cell (student_side.session) reads the requests through the kernel's input channel:
    # the student's last message (an input request) waits for the grader's next request as its reply.

    async def _async_exchange(self, request: dict, deadline: float) -> str | None:
        """Send one request and return the student's answer to it (None: the time ran out).

        An answer names the request it answers (`re`: student_side copies the request's `id`). Whatever the
        session sends in its place (an answer's code can replace the session's own replies) is not read: the
        request is put again, up to ASKS times, and then the answer is nonsense (GraderError in the test). So no
        answer can stand in for another request's, and the first message of a session, whatever it is, only
        says that the session now waits for a request."""
        self._requests += 1
        request = {**request, "id": self._requests}
        if self._session is None:
            self._session = self.kc.execute("__import__('__mlmath_bridge__').session()", silent=True,
                                            store_history=False, allow_stdin=True, stop_on_error=False)
            ready = await self._async_next_message(deadline)
            if ready is None or self._session is None:  # the time ran out, or the session ended at once
                return ready
        for _ in range(ASKS):
            self.kc.input(json.dumps(request, separators=(",", ":")))
            answer = await self._async_next_message(deadline)
            if answer is None or self._session is None or _answers(answer, request["id"]):
                return answer
        return json.dumps({"op": "unanswered"})  # the session is still waiting: the next request is its reply

    async def _async_next_message(self, deadline: float) -> str | None:
        """The next message the student's session sends (callbacks to the test kernel are served meanwhile). None
        if the time ran out (the kernel is then interrupted); StudentKernelGone if it died; a RuntimeError
        answer if the session ended without answering (the answer broke it)."""
        kc = self.kc
        poller = zmq.asyncio.Poller()
        poller.register(kc.stdin_channel.socket, zmq.POLLIN)
        poller.register(kc.shell_channel.socket, zmq.POLLIN)
        checked = time.monotonic()
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                await self._async_interrupt(self._session)
                self._session = None
                return None
            events = dict(await poller.poll(min(left, 1.0) * 1000))
            if kc.stdin_channel.socket in events:
                request = await kc.stdin_channel.get_msg(timeout=0)
                prompt = request.get("content", {}).get("prompt", "")
                if request.get("parent_header", {}).get("msg_id") != self._session or len(prompt) > ANSWER_LIMIT:
                    kc.input("")  # not this session's: unblock it, it will not be read
                elif _op(prompt) == "callback":
                    kc.input(self._callback(prompt, deadline))
                else:
                    return prompt
            if kc.shell_channel.socket in events:
                reply = await kc.shell_channel.get_msg(timeout=0)
                if reply.get("parent_header", {}).get("msg_id") == self._session:
                    self._session = None
                    await self._async_drain_iopub()
                    return json.dumps({"op": "raise", "type": "RuntimeError", "bases": ["RuntimeError"],
                                       "message": "the call ended without an answer"})
            if time.monotonic() - checked > 1.0:
                checked = time.monotonic()
                await self._async_drain_iopub()
                if not await ensure_async(self.km.is_alive()):
                    raise StudentKernelGone()

    async def _async_close_session(self) -> None:
        """Tell the student's session to stop, and wait until its kernel is idle again."""
        if self._session is None:
            return
        session, self._session = self._session, None
        self.kc.input(json.dumps({"op": "stop"}))
        if await self._async_reply_to(session, INTERRUPT_GRACE) is not None:
            await self._async_drain_iopub()
            return
        await self._async_interrupt(session)  # the answer broke the session's ending: stop it

    _exchange = run_sync(_async_exchange)
    _close_session = run_sync(_async_close_session)

    def _callback(self, prompt: str, deadline: float) -> str:
        """Forward an answer's call of a test's function to the test kernel; its reply, for the answer."""
        self._tests.send({"op": "callback", "request": prompt})
        while True:
            message = self._tests.receive(deadline + 5)
            if message is None:
                raise test_kernel.TestKernelError("no answer to a callback")
            if message.get("op") == "callback_result":
                message.pop("op")
                return json.dumps(message, separators=(",", ":"))
            # the test's function itself asked for the answer's: the answer's kernel is busy with this call
            self._tests.send({"op": "failed", "reason": "an answer's function called from inside a callback"})

    async def _async_interrupt(self, msg_id: str) -> None:
        """Stop the call at the time limit; if the kernel does not stop, the cells after this one are not run."""
        await ensure_async(self.km.interrupt_kernel())
        if await self._async_reply_to(msg_id, INTERRUPT_GRACE) is None:
            self._dead = not await ensure_async(self.km.is_alive())

    async def _async_drain_iopub(self) -> None:
        """Drop what the answer printed during calls: no test reads it, and it must not pile up."""
        while True:
            try:
                await self.kc.iopub_channel.get_msg(timeout=0)
            except (Empty, TimeoutError):
                return


def _limit_reached(answer: str) -> str | None:
    """The limit that made the answer's function raise, if one did: memory, or processes and threads."""
    try:
        message = json.loads(answer)
    except (ValueError, RecursionError):
        return None
    if not isinstance(message, dict) or message.get("op") != "raise" or not isinstance(message.get("bases"), list):
        return None
    if "MemoryError" in message["bases"]:
        return outcomes.MEMORY_LIMIT
    if "BlockingIOError" in message["bases"] and message.get("errno") == errno.EAGAIN:
        return outcomes.PROCESS_LIMIT
    return None


def _may_need_a_left_out_cell(answer: str) -> bool:
    """Whether the student's kernel answered that a name is missing (a lookup that found nothing, a NameError)."""
    try:
        message = json.loads(answer)
    except (ValueError, RecursionError):
        return False
    if not isinstance(message, dict):
        return False
    bases = message.get("bases") if isinstance(message.get("bases"), list) else []
    return message.get("kind") == "missing" or any(b in NAME_ERRORS for b in bases)


def _answers(prompt: str, request_id: int) -> bool:
    """Whether the student's session sent `prompt` as its answer to the request `request_id`."""
    try:
        message = json.loads(prompt)
    except (ValueError, RecursionError):
        return False
    return isinstance(message, dict) and message.get("re") == request_id and type(message.get("re")) is int


def _op(prompt: str) -> str | None:
    try:
        message = json.loads(prompt)
    except (ValueError, RecursionError):
        return None
    return message.get("op") if isinstance(message, dict) else None
