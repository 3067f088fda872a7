"""The trusted test kernel: runs the course's test cells, never anything that came from a student.

    python -I runner.py        (in its own sandbox; codec.py beside it)

It talks to the grader in lines of JSON: requests on stdin, answers on the file descriptor that was stdout
(stdout and stderr are sent elsewhere, so nothing a library prints can mix into them). For each submission
the grader sends `reset` (a fresh namespace, in which the course's own setup and check-helper cells run, and
the source of each answer cell), then `run` for each test cell in order. A name that a test cell uses and
the namespace lacks is looked up in the student's kernel through the grader: a function becomes a proxy
whose calls cross as plain data (codec.py), a value crosses as plain data. Callables that a test passes to
an answer stay here and are called back. What this process prints and raises is the test's verdict.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import os
import symtable
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import codec  # noqa: E402

OUTPUT_LIMIT = 64 * 1024  # characters of a test cell's own printed output kept
MESSAGE_LIMIT = 2000  # characters of an error message kept


class AnswerError(Exception):
    """An exception of the answer's whose type has no builtin exception base (KeyboardInterrupt, SystemExit, a
    class derived from BaseException)."""

    __mlmath_from_answer__ = True  # as on every exception an answer raised (see exception())


class GraderError(Exception):
    """The call could not be completed: the answer's kernel did not answer in time, died, or answered nonsense."""

    __mlmath_boundary__ = True  # not an answer's own outcome: the checks never compare it with anything


def unreadable(message: str) -> TypeError:
    """The error of a call whose value the grader cannot read: a TypeError for the test, marked (as GraderError
    is) as the grader's, so that no check takes it for an error the answer raised itself."""
    error = TypeError(message)
    error.__mlmath_boundary__ = True
    return error


def numeric_context() -> dict:
    """The test's warning filters and NumPy error handling, under which the answer's function is called (a
    test that runs a function under `warnings.simplefilter("error")` or `np.errstate(over="raise")` means it)."""
    filters = []
    for action, message, category, module, lineno in warnings.filters:
        if category.__module__ == "builtins":
            filters.append([action, getattr(message, "pattern", message) or "", category.__name__,
                            getattr(module, "pattern", module) or "", lineno])
    return {"warnings": filters, "errstate": codec.np.geterr()}


class Channel:
    """Lines of JSON to and from the grader."""

    def __init__(self) -> None:
        self.incoming = sys.stdin
        self.outgoing = os.fdopen(os.dup(1), "w", buffering=1)
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)  # a library writing to fd 1 can no longer corrupt the channel
        sys.stdout = io.TextIOWrapper(os.fdopen(os.dup(1), "wb"), write_through=True)

    def send(self, message: dict) -> None:
        self.outgoing.write(json.dumps(message, separators=(",", ":")) + "\n")

    def receive(self) -> dict:
        line = self.incoming.readline()
        if not line:
            raise SystemExit(0)  # the grader has gone
        return json.loads(line)


class Session:
    """One submission's namespace and the proxies to its answers."""

    def __init__(self, channel: Channel, setup: list[str], answers: dict[str, str]) -> None:
        self.channel = channel
        self.answers = answers
        self.namespace: dict = {"__name__": "__main__", "__builtins__": builtins}
        self.from_student: set[str] = set()  # names bound from the student's kernel for the current cell
        self.unreadable: dict[str, str] = {}  # names whose value in the student's kernel cannot cross: why
        self.hidden_seen = False  # once a hidden test ran, no text chosen by the answer is shown any more
        self.cell_hidden = False
        for source in setup:
            exec(compile(source, "<course setup>", "exec"), self.namespace)

    # --- text chosen by the answer --------------------------------------------------------------------------

    def answer_text_allowed(self) -> bool:
        """Whether a message written by the answer may be shown: only before any hidden test has run, since
        after that it could carry the hidden tests' inputs."""
        return not (self.hidden_seen or self.cell_hidden)

    # --- names ----------------------------------------------------------------------------------------------

    def free_names(self, source: str) -> set[str]:
        """The global names a test cell reads but neither it nor the namespace nor Python defines."""
        table = symtable.symtable(source, "<test>", "exec")
        bound = {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()}
        found = {s.get_name() for s in table.get_symbols() if s.is_referenced()}
        stack = list(table.get_children())
        while stack:
            child = stack.pop()
            found |= {s.get_name() for s in child.get_symbols() if s.is_global() and s.is_referenced()}
            stack.extend(child.get_children())
        return {n for n in found - bound if n not in self.namespace and not hasattr(builtins, n)}

    def bind(self, name: str) -> None:
        self.channel.send({"op": "lookup", "name": name})
        message = self.wait_for(("result", "failed"))
        try:
            reply = json.loads(message.get("answer", "")) if message["op"] == "result" else {}
        except (ValueError, TypeError, RecursionError):
            reply = {}
        kind = reply.get("kind") if type(reply) is dict and reply.get("op") == "found" else None
        if kind == "callable":
            self.namespace[name] = self.proxy(name)
        elif kind == "value":
            try:
                self.namespace[name] = codec.decode(reply.get("value"))
            except codec.BoundaryError as error:  # the grader's own words: safe to show
                self.unreadable[name] = str(error)
                return
        else:
            if kind == "refused":
                self.unreadable[name] = "not plain data"
            return
        self.from_student.add(name)

    def proxy(self, name: str):
        def proxy(*args, **kwargs):
            return self.call(name, args, kwargs)

        proxy.__name__ = proxy.__qualname__ = name
        proxy.__answer_source__ = self.answers.get(name, "")
        return proxy

    # --- calls ------------------------------------------------------------------------------------------------

    def call(self, name: str, args: tuple, kwargs: dict):
        callbacks: list = []

        def register(function) -> int:
            callbacks.append(function)
            return len(callbacks) - 1

        try:
            request = {"op": "call", "name": name, "args": codec.encode(list(args), register),
                       "kwargs": codec.encode(kwargs, register), "context": numeric_context()}
        except codec.BoundaryError as error:
            raise GraderError(f"the grader could not send the arguments of {name}: {error}") from None
        self.channel.send(request)
        while True:
            message = self.wait_for(("result", "failed", "callback"))
            if message["op"] == "callback":
                self.channel.send(self.run_callback(callbacks, message.get("request", "")))
                continue
            if message["op"] == "failed":
                raise GraderError(f"{name}: {str(message.get('reason', 'no answer'))[:MESSAGE_LIMIT]}")
            return self.outcome(name, message.get("answer", ""), args, kwargs)

    def run_callback(self, callbacks: list, text: str) -> dict:
        """Call one of this call's callables with the answer's arguments; its result or error, to send back."""
        try:
            request = json.loads(text) if isinstance(text, str) and len(text) < codec.MAX_MESSAGE else {}
            function = callbacks[request["id"]]
            args = codec.decode(request["args"])
            kwargs = codec.decode(request["kwargs"])
            if type(args) is not list or type(kwargs) is not dict or not all(type(k) is str for k in kwargs):
                raise codec.BoundaryError("bad arguments")
        except (ValueError, KeyError, IndexError, TypeError, RecursionError):
            return {"op": "callback_result", "error": {"type": "ValueError",
                                                        "message": "the grader could not read this call"}}
        try:
            return {"op": "callback_result", "value": codec.encode(function(*args, **kwargs))}
        except Exception as error:  # the test's own function raised (e.g. on arguments of the wrong shape)
            message = str(error)[:MESSAGE_LIMIT] if not self.cell_hidden else ""
            return {"op": "callback_result", "error": {"type": type(error).__name__ if type(error).__name__ in
                                                        codec.CROSSING else "Exception", "message": message}}

    def outcome(self, name: str, text: str, args: tuple, kwargs: dict):
        """The value the answer returned (with its in-place changes written back), or its exception raised."""
        try:
            answer = json.loads(text) if isinstance(text, str) and len(text) <= codec.MAX_MESSAGE else None
        except (ValueError, RecursionError):
            answer = None
        if type(answer) is not dict:
            raise GraderError(f"the grader could not read what {name} returned")
        op = answer.get("op")
        if op == "raise":
            raise self.exception(name, answer)
        if op == "refused":
            what = str(answer.get("type", ""))[:80]
            shown = f"returned a {what}" if self.answer_text_allowed() and what.isidentifier() else "returned a value"
            raise unreadable(f"{name} {shown}, which the grader cannot read: return numbers, NumPy arrays, or "
                             "lists, tuples and dicts of those")
        if op != "return":
            raise GraderError(f"the grader could not read what {name} returned")
        try:
            value = codec.decode(answer.get("value"))
        except codec.BoundaryError as error:
            raise unreadable(f"{name} returned a value the grader cannot read ({error})") from None
        self.write_back(args, answer.get("args"), kwargs, answer.get("kwargs"))
        return value

    def exception(self, name: str, answer: dict) -> BaseException:
        bases = answer.get("bases") if type(answer.get("bases")) is list else []
        kind = next((codec.CROSSING[b] for b in bases if isinstance(b, str) and b in codec.CROSSING), None)
        type_name = str(answer.get("type", ""))[:80]
        if self.answer_text_allowed():
            message = str(answer.get("message", ""))[:MESSAGE_LIMIT]
        else:
            message = (f"raised by {name} (once hidden tests have run, an answer's own messages are not shown: run "
                       "the visible tests in your notebook to see them)")
        if kind is None:
            shown = type_name if self.answer_text_allowed() and type_name.isidentifier() else "an exception"
            return AnswerError(f"{name} raised {shown}, which is not an exception a function should raise")
        error = kind(message)
        error.__mlmath_from_answer__ = True
        return error

    @staticmethod
    def write_back(args: tuple, after_args, kwargs: dict, after_kwargs) -> None:
        """Copy the answer's in-place changes of list, dict and array arguments into the test's objects."""
        pairs = list(zip(args, after_args if type(after_args) is list else [], strict=False))
        if type(after_kwargs) is dict:
            pairs += [(kwargs[k], v) for k, v in after_kwargs.items() if k in kwargs]
        for original, tree in pairs:
            if tree is None or not isinstance(original, (list, dict, codec.np.ndarray)):
                continue
            try:
                changed = codec.decode(tree)
            except codec.BoundaryError:
                continue
            if isinstance(original, codec.np.ndarray):
                if isinstance(changed, codec.np.ndarray) and changed.shape == original.shape:
                    if changed.tobytes() != original.tobytes() or changed.dtype != original.dtype:
                        codec.np.copyto(original, changed, casting="unsafe")
            elif type(changed) is type(original) and changed != original:
                if isinstance(original, list):
                    original[:] = changed
                else:
                    original.clear()
                    original.update(changed)

    def wait_for(self, ops: tuple) -> dict:
        message = self.channel.receive()
        if message.get("op") not in ops:
            raise GraderError(f"the grader sent {message.get('op')!r} where it should send one of {ops}")
        return message

    # --- a test cell ------------------------------------------------------------------------------------------

    def run(self, source: str, hidden: bool) -> dict:
        self.cell_hidden = hidden
        printed = io.StringIO()
        error = None
        try:
            code = compile(source, "<test>", "exec")
            for name in sorted(self.free_names(source)):
                self.bind(name)
            with contextlib.redirect_stdout(printed):
                exec(code, self.namespace)
        except BaseException as exc:  # the test failed: its verdict
            error = self.error(self.unreadable_value(exc))
        finally:
            for name in self.from_student:
                self.namespace.pop(name, None)
            self.from_student.clear()
            self.unreadable.clear()
            self.hidden_seen = self.hidden_seen or hidden
        text = printed.getvalue()
        if len(text) > OUTPUT_LIMIT:
            text = text[:OUTPUT_LIMIT] + "\n[the rest of this test's output was dropped]\n"
        return {"op": "done", "stdout": text, "error": error}

    def unreadable_value(self, exc: BaseException) -> BaseException:
        """A test stopped by a name it could not bind because the student's value of it cannot cross says so,
        instead of "name ... is not defined"."""
        name = getattr(exc, "name", None) if isinstance(exc, NameError) else None
        if name not in self.unreadable:
            return exc
        return TypeError(f"{name} is a value the grader cannot read ({self.unreadable[name]}): give numbers, NumPy "
                         "arrays, SymPy expressions, or lists, tuples and dicts of those")

    @staticmethod
    def error(exc: BaseException) -> dict:
        """The error output of a failed test: its type and message, and where in the test it happened (the
        test's source is never quoted)."""
        line = None
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<test>":
                line = tb.tb_lineno
            tb = tb.tb_next
        ename = type(exc).__name__
        evalue = str(exc)[:MESSAGE_LIMIT]
        where = f" (line {line} of the test)" if line else ""
        return {"ename": ename, "evalue": evalue, "traceback": [f"{ename}: {evalue}{where}"]}


def main() -> None:
    channel = Channel()
    session = None
    while True:
        request = channel.receive()
        if request.get("op") == "reset":
            try:
                session = Session(channel, request.get("setup", []), request.get("answers", {}))
                channel.send({"op": "ready"})
            except BaseException as exc:
                channel.send({"op": "ready", "error": Session.error(exc)})
        elif request.get("op") == "run" and session is not None:
            channel.send(session.run(request.get("source", ""), bool(request.get("hidden"))))
        else:
            channel.send({"op": "done", "stdout": "", "error": {
                "ename": "GraderError", "evalue": "the test kernel was not set up", "traceback": []}})


if __name__ == "__main__":
    main()
