"""Plain data across the boundary between the student's kernel and the trusted test kernel.

Only data crosses: None, bool, int, float, complex, str; lists, tuples and dicts of these; NumPy scalars and
arrays of a numeric or bool dtype (dtype and shape kept; never pickled). `encode` turns such a value into a
JSON-able tree and `decode` turns a tree back into exactly these types, refusing anything else. Decoding is
the trusted side's defence: whatever the other side sends, it gets plain values within the caps, or a
`BoundaryError`.

This module is standard library and NumPy only: it is loaded by the test kernel (from a read-only file) and,
as text, by the student's kernel, whose copy the trusted side never relies on.
"""

from __future__ import annotations

import base64
import json
import math

import numpy as np

MAX_DEPTH = 32  # nesting of lists, tuples and dicts
MAX_ITEMS = 200_000  # values in one message, array elements counted as one each
MAX_BYTES = 64 * 1024 * 1024  # array payload in one message
MAX_STR = 1_000_000  # characters of one string
MAX_INT_DIGITS = 4300  # Python's own limit for int <-> str
MAX_MESSAGE = 128 * 1024 * 1024  # characters of one encoded message
NUMERIC_KINDS = "biufc"  # bool, signed and unsigned integers, floats, complex


class BoundaryError(ValueError):
    """A value that cannot cross: not plain data, or over a cap. The message is safe to show a student."""


def describe(value: object) -> str:
    """A value's type in words, e.g. "a generator" or "a NumPy array of dtype object"."""
    if isinstance(value, np.ndarray):
        return f"a NumPy array of dtype {value.dtype}"
    name = type(value).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


class _Budget:
    def __init__(self) -> None:
        self.items = 0
        self.bytes = 0

    def spend(self, items: int = 1, nbytes: int = 0) -> None:
        self.items += items
        self.bytes += nbytes
        if self.items > MAX_ITEMS:
            raise BoundaryError(f"the value has more than {MAX_ITEMS} parts, more than the grader reads")
        if self.bytes > MAX_BYTES:
            raise BoundaryError(f"the value's arrays hold more than {MAX_BYTES // 2**20} MiB, more than the grader "
                                "reads")


# --- encoding ------------------------------------------------------------------------------------------------


def encode(value: object, callback=None) -> object:
    """A JSON-able tree for `value`; `callback(function) -> int` numbers callables (None: refused)."""
    return _encode(value, callback, _Budget(), 0)


def _encode(value, callback, budget: _Budget, depth: int):
    if depth > MAX_DEPTH:
        raise BoundaryError(f"the value is nested more than {MAX_DEPTH} levels deep")
    budget.spend()
    if value is None or type(value) is bool:
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int) and not isinstance(value, np.integer):
        text = int.__repr__(value)
        if len(text) > MAX_INT_DIGITS:
            raise BoundaryError(f"an integer with more than {MAX_INT_DIGITS} digits")
        return int(text)
    if isinstance(value, float) and not isinstance(value, np.floating):
        return float.__float__(value)  # NaN and infinities cross as JSON's NaN and Infinity
    if isinstance(value, complex) and not isinstance(value, np.complexfloating):
        number = complex(value)
        return {"$": "complex", "v": [float(number.real), float(number.imag)]}
    if isinstance(value, str) and not isinstance(value, np.str_):
        text = str.__str__(value)
        if len(text) > MAX_STR:
            raise BoundaryError(f"a string longer than {MAX_STR} characters")
        return text
    if isinstance(value, (np.ndarray, np.generic)) and not isinstance(value, (np.str_, np.bytes_)):
        return _encode_array(value, budget)
    if type(value) in (list, tuple) or isinstance(value, (list, tuple)):
        items = list.__iter__(value) if isinstance(value, list) else tuple.__iter__(value)
        encoded = [_encode(item, callback, budget, depth + 1) for item in items]
        return encoded if isinstance(value, list) else {"$": "tuple", "v": encoded}
    if isinstance(value, dict):
        return {"$": "dict", "v": [[_encode(k, callback, budget, depth + 1), _encode(v, callback, budget, depth + 1)]
                                   for k, v in dict.items(value)]}
    if callback is not None and callable(value):
        return {"$": "callback", "v": callback(value)}
    raise BoundaryError(f"{describe(value)}, which the grader cannot read")


def _encode_array(value, budget: _Budget):
    array = np.asarray(value) if isinstance(value, np.generic) else np.ndarray.view(value, np.ndarray)
    if array.dtype.kind not in NUMERIC_KINDS or array.dtype.fields is not None:
        raise BoundaryError(f"{describe(array)}, which the grader cannot read (only numbers and booleans)")
    if array.ndim > MAX_DEPTH:
        raise BoundaryError(f"an array with {array.ndim} dimensions")
    budget.spend(int(array.size), int(array.nbytes))
    kind = "scalar" if isinstance(value, np.generic) else "array"
    return {"$": kind, "dtype": array.dtype.str, "shape": list(array.shape),
            "data": base64.b64encode(array.tobytes()).decode("ascii")}


def dumps(value: object, callback=None) -> str:
    return json.dumps(encode(value, callback), separators=(",", ":"))


# --- decoding (the trusted side's defence) -----------------------------------------------------------------


def loads(text: str, callback=None) -> object:
    """The value that `text` (a `dumps` result from either side) encodes, as plain data only."""
    if not isinstance(text, str) or len(text) > MAX_MESSAGE:
        raise BoundaryError("a message the grader cannot read (not text, or too long)")
    try:
        tree = json.loads(text)
    except (ValueError, RecursionError):
        raise BoundaryError("a message the grader cannot read (not JSON)") from None
    return decode(tree, callback)


def decode(tree: object, callback=None) -> object:
    """Plain data from a tree; `callback(number) -> function` makes the callables (None: refused)."""
    return _decode(tree, callback, _Budget(), 0)


def _decode(tree, callback, budget: _Budget, depth: int):
    if depth > MAX_DEPTH:
        raise BoundaryError(f"the value is nested more than {MAX_DEPTH} levels deep")
    budget.spend()
    kind = type(tree)
    if tree is None or kind in (bool, float):
        return tree
    if kind is int:
        if abs(tree) >= 10**MAX_INT_DIGITS:
            raise BoundaryError(f"an integer with more than {MAX_INT_DIGITS} digits")
        return tree
    if kind is str:
        if len(tree) > MAX_STR:
            raise BoundaryError(f"a string longer than {MAX_STR} characters")
        return tree
    if kind is list:
        return [_decode(item, callback, budget, depth + 1) for item in tree]
    if kind is not dict or type(tree.get("$")) is not str:
        raise BoundaryError("a message the grader cannot read (unknown value)")
    tag, body = tree["$"], tree.get("v")
    if tag == "tuple" and type(body) is list:
        return tuple(_decode(item, callback, budget, depth + 1) for item in body)
    if tag == "dict" and type(body) is list:
        result = {}
        for pair in body:
            if type(pair) is not list or len(pair) != 2:
                raise BoundaryError("a message the grader cannot read (bad dict)")
            key = _decode(pair[0], callback, budget, depth + 1)
            try:
                result[key] = _decode(pair[1], callback, budget, depth + 1)
            except TypeError:
                raise BoundaryError("a dict whose key is not hashable") from None
        return result
    if tag == "complex" and type(body) is list and len(body) == 2 and all(type(x) is float for x in body):
        return complex(body[0], body[1])
    if tag in ("array", "scalar"):
        return _decode_array(tree, tag, budget)
    if tag == "callback" and callback is not None and type(body) is int:
        return callback(body)
    raise BoundaryError("a message the grader cannot read (unknown value)")


def _decode_array(tree: dict, tag: str, budget: _Budget):
    dtype_text, shape, data = tree.get("dtype"), tree.get("shape"), tree.get("data")
    if type(dtype_text) is not str or type(shape) is not list or type(data) is not str or len(dtype_text) > 8:
        raise BoundaryError("a message the grader cannot read (bad array)")
    try:
        dtype = np.dtype(dtype_text)
    except TypeError:
        raise BoundaryError("an array of an unknown dtype") from None
    if dtype.kind not in NUMERIC_KINDS or dtype.fields is not None or dtype.subdtype is not None:
        raise BoundaryError(f"an array of dtype {dtype}, which the grader cannot read")
    if len(shape) > MAX_DEPTH or not all(type(n) is int and 0 <= n <= MAX_ITEMS * 64 for n in shape):
        raise BoundaryError("an array of an impossible shape")
    size = math.prod(shape)
    budget.spend(size, size * dtype.itemsize)
    if len(data) > 4 * (MAX_BYTES // 3 + 2):
        raise BoundaryError("an array larger than the grader reads")
    try:
        raw = base64.b64decode(data, validate=True)
    except ValueError:
        raise BoundaryError("a message the grader cannot read (bad array data)") from None
    if len(raw) != size * dtype.itemsize:
        raise BoundaryError("a message the grader cannot read (array data of the wrong size)")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if tag == "scalar":
        if shape:
            raise BoundaryError("a message the grader cannot read (a scalar with a shape)")
        return array[()]
    return array


# --- exceptions ----------------------------------------------------------------------------------------------

#: The exception types that cross as themselves (a student's subclass arrives as the nearest of these).
import builtins as _builtins  # noqa: E402

CROSSING = {name: cls for name, cls in vars(_builtins).items()
            if isinstance(cls, type) and issubclass(cls, Exception)
            and name not in ("StopIteration", "StopAsyncIteration", "GeneratorExit")}


def exception_summary(error: BaseException, max_message: int = 500) -> dict:
    """What crosses of an exception: its type's name, its builtin bases (nearest first), its message."""
    bases = [cls.__name__ for cls in type(error).__mro__ if cls.__module__ == "builtins" and cls.__name__ in CROSSING]
    try:
        message = str(error)
    except Exception:  # an answer's exception whose __str__ fails
        message = ""
    errno = getattr(error, "errno", None)
    return {"type": type(error).__name__[:80], "bases": bases[:8], "message": message[:max_message],
            "errno": errno if type(errno) is int else None}
