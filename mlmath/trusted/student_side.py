"""The student's half of the boundary: calls an answer's function for the test kernel, in the student's kernel.

The grader sends this file's text (after `codec.py`'s) into the student's kernel as a module that is not in
the student's namespace. For each test cell that needs the answers it runs `__import__("__mlmath_bridge__")
.session()`, which reads the test kernel's requests (look a name up, call a function) one after another
through the kernel's input channel (`input()`): each answer is sent as the prompt of the next `input()`,
whose reply is the next request, until the grader says stop. An answer names the request it answers (`re`,
the request's `id`): the grader reads nothing else as that request's answer. One execution per test cell, not
per call. Nothing in this file is trusted: an answer may replace any of it, and then its replies are just more
data that the test kernel decodes and checks as it would any returned value.
"""

import builtins as _builtins
import json as _json
import warnings as _warnings

try:  # in the student's kernel, the grader installs codec.py as the module __mlmath_codec__
    from __mlmath_codec__ import CROSSING, BoundaryError, decode, encode, exception_summary, np
except ImportError:  # imported as part of mlmath (the unit tests)
    from mlmath.trusted.codec import CROSSING, BoundaryError, decode, encode, exception_summary, np

_ns = None  # the student's namespace (IPython's user_ns)


def _ask(message: dict) -> str:
    return input(_json.dumps(message, separators=(",", ":")))


def _namespace() -> dict:
    global _ns
    if _ns is None:
        _ns = get_ipython().user_ns  # noqa: F821 -- IPython's, in the kernel
    return _ns


def _callback(number: int):
    """A function that calls the test kernel's callable number `number` and returns its (plain) result."""

    def callback(*args, **kwargs):
        request = {"op": "callback", "id": number, "args": encode(list(args)), "kwargs": encode(kwargs)}
        reply = _json.loads(_ask(request))
        if "error" in reply:
            error = reply["error"]
            kind = CROSSING.get(error.get("type"), Exception)
            raise kind(error.get("message", ""))
        return decode(reply["value"])

    callback.__name__ = f"callback_{number}"
    return callback


def session() -> None:
    """Answer the grader's requests until it says stop: {"op": "describe", "name"} or {"op": "call", ...}."""
    reply = _ask({"op": "ready"})
    while True:
        request = _json.loads(reply)
        if request.get("op") == "describe":
            reply = _ask({**describe(request["name"]), "re": request.get("id")})
        elif request.get("op") == "call":
            reply = _ask({**serve(request), "re": request.get("id")})
        else:
            return


def describe(name: str) -> dict:
    """What `name` is here: a callable, a plain value, or missing."""
    namespace = _namespace()
    if name not in namespace:
        return {"op": "found", "kind": "missing"}
    value = namespace[name]
    if callable(value):
        return {"op": "found", "kind": "callable"}
    try:
        return {"op": "found", "kind": "value", "value": encode(value)}
    except BoundaryError:
        return {"op": "found", "kind": "refused", "type": type(value).__name__}


def serve(request: dict) -> dict:
    """Call the function the request names with its arguments: its result, or its exception."""
    try:
        function = _namespace().get(request["name"])
        if function is None:
            raise NameError(f"name {request['name']!r} is not defined")
        args = decode(request["args"], _callback)
        kwargs = decode(request["kwargs"], _callback)
        with _warnings.catch_warnings(), np.errstate(**_errstate(request)):
            _apply_warning_filters(request)
            result = function(*args, **kwargs)
    except Exception as error:
        return {"op": "raise", **exception_summary(error)}
    try:
        return {"op": "return", "value": encode(result),
                "args": [_mutable(a) for a in args], "kwargs": {k: _mutable(v) for k, v in kwargs.items()}}
    except BoundaryError as error:
        return {"op": "refused", "type": type(result).__name__, "message": str(error)}


_WARNINGS = {name: cls for name, cls in vars(_builtins).items() if isinstance(cls, type) and issubclass(cls, Warning)}


def _errstate(request: dict) -> dict:
    settings = (request.get("context") or {}).get("errstate") or {}
    return {k: v for k, v in settings.items() if k in ("divide", "over", "under", "invalid")}


def _apply_warning_filters(request: dict) -> None:
    """The test's warning filters, for the duration of the call."""
    filters = (request.get("context") or {}).get("warnings")
    if filters is None:
        return
    _warnings.resetwarnings()
    for action, message, category, module, lineno in reversed(filters):
        if category in _WARNINGS:
            _warnings.filterwarnings(action, message, _WARNINGS[category], module, lineno)


def _mutable(value):
    """An argument the function may have changed in place, as it is now (None for the others)."""
    if isinstance(value, (list, dict, np.ndarray)):
        try:
            return encode(value)
        except BoundaryError:
            return None
    return None
