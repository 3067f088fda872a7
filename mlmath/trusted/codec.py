"""Plain data across the boundary between the student's kernel and the trusted test kernel.

Only data crosses: None, bool, int, float, complex, str; lists, tuples and dicts of these; NumPy scalars and
arrays of a numeric or bool dtype (dtype and shape kept; never pickled); SymPy expressions as a tree of tagged
nodes (a derivation's answer: `encode_expression` and `decode_expression` below). `encode` turns such a value into a
JSON-able tree and `decode` turns a tree back into exactly these types, refusing anything else. Decoding is
the trusted side's defence: whatever the other side sends, it gets plain values within the caps, or a
`BoundaryError`.

This module is standard library and NumPy only (SymPy is imported when an expression is decoded): it is loaded
by the test kernel (from a read-only file) and, as text, by the student's kernel, whose copy the trusted side
never relies on.
"""

from __future__ import annotations

import base64
import json
import keyword
import math
import sys

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
    if is_expression(value):
        return {"$": "sympy", "v": encode_expression(value, budget)}
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
    if tag == "sympy":
        return decode_expression(body, budget)
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


# --- SymPy expressions -----------------------------------------------------------------------------------------
#
# An expression crosses as a tree of lists: [kind, payload or children...], e.g. x**2 + 1 as
# ["Add", ["Integer", 1], ["Pow", ["Symbol", "x"], ["Integer", 2]]]. The trusted side rebuilds it only by calling
# the SymPy constructor of a kind in EXPRESSION_FUNCTIONS (or making a Symbol, a number or a constant) on decoded
# plain data: never sympify, parse_expr, eval or srepr, whose input is code. Symbols carry their name only (no
# assumptions); a test maps them by name to its own symbols (check_expression in the checks cell).

MAX_EXPRESSION_NODES = 2000  # nodes of one expression
MAX_EXPRESSION_DEPTH = 64  # nesting of one expression
MAX_EXPRESSION_DIGITS = 100  # digits of an integer (or of a rational's numerator or denominator) in a node
MAX_EXPONENT = 1000  # |exponent| of a power whose exponent is a number (numerator and denominator)
MAX_NUMBER_DIGITS = 10_000  # digits of a number that the rebuilding itself computes (2**1000 is 302)
MAX_SYMBOL_NAME = 64  # characters of a symbol's name

#: kind -> (SymPy's name of the constructor, least and most children).
EXPRESSION_FUNCTIONS = {
    "Add": ("Add", 1, MAX_EXPRESSION_NODES), "Mul": ("Mul", 1, MAX_EXPRESSION_NODES), "Pow": ("Pow", 2, 2),
    "exp": ("exp", 1, 1), "log": ("log", 1, 2), "sqrt": ("sqrt", 1, 1),
    "sin": ("sin", 1, 1), "cos": ("cos", 1, 1), "tan": ("tan", 1, 1),
    "sinh": ("sinh", 1, 1), "cosh": ("cosh", 1, 1), "tanh": ("tanh", 1, 1),
    "asin": ("asin", 1, 1), "acos": ("acos", 1, 1), "atan": ("atan", 1, 1),
    "Abs": ("Abs", 1, 1), "sign": ("sign", 1, 1),
}
#: kind -> SymPy's singleton: the constants an expression may hold.
EXPRESSION_CONSTANTS = {"pi": "pi", "E": "E", "I": "I", "oo": "oo", "-oo": "-oo", "zoo": "zoo", "nan": "nan"}
_CONSTANT_OF_CLASS = {"Pi": "pi", "Exp1": "E", "ImaginaryUnit": "I", "Infinity": "oo", "NegativeInfinity": "-oo",
                      "ComplexInfinity": "zoo", "NaN": "nan"}
EXPRESSION_KINDS = ("Symbol, Integer, Rational, Float, " + ", ".join(EXPRESSION_CONSTANTS) + ", "
                    + ", ".join(EXPRESSION_FUNCTIONS))


def is_expression(value: object) -> bool:
    """Whether `value` is a SymPy object (SymPy is looked for only if something already imported it)."""
    sympy = sys.modules.get("sympy")
    basic = getattr(sympy, "Basic", None)
    return isinstance(basic, type) and isinstance(value, basic)


def encode_expression(expression, budget: _Budget | None = None) -> list:
    """The tree of a SymPy expression (the student's side: it sends whatever kinds it finds; the trusted side
    decides what it rebuilds). Refuses only trees far over the caps, so no message is absurdly large."""
    budget = budget or _Budget()
    count = [0]

    def walk(node, depth: int) -> list:
        count[0] += 1
        budget.spend()
        if depth > 4 * MAX_EXPRESSION_DEPTH or count[0] > 4 * MAX_EXPRESSION_NODES:
            raise BoundaryError("a SymPy expression far larger than the grader reads (simplify it first)")
        if getattr(node, "is_Symbol", False):
            return ["Symbol", str(node.name)]
        if getattr(node, "is_Integer", False):
            return ["Integer", int(node)]
        if getattr(node, "is_Rational", False):
            return ["Rational", int(node.p), int(node.q)]
        if getattr(node, "is_Float", False):
            return ["Float", float(node)]
        name = type(node).__name__
        if name in _CONSTANT_OF_CLASS:
            return [_CONSTANT_OF_CLASS[name]]
        return [name, *(walk(arg, depth + 1) for arg in node.args)]

    return walk(expression, 0)


class _ExpressionBudget:
    def __init__(self, budget: _Budget) -> None:
        self.budget = budget
        self.nodes = 0


def decode_expression(tree: object, budget: _Budget | None = None):
    """The SymPy expression a tree describes, rebuilt by whitelisted constructors only; BoundaryError (a message
    safe to show a student) for anything else: an unknown kind, a malformed node, a tree over the caps."""
    try:
        import sympy
    except ImportError:  # pragma: no cover -- SymPy is in the course's pinned environment
        raise BoundaryError("a SymPy expression, but the grader has no SymPy") from None
    state = _ExpressionBudget(budget or _Budget())
    try:
        return _rebuild(tree, sympy, state, 0)
    except RecursionError:
        raise _unreadable("it is nested too deeply") from None
    except (ArithmeticError, ValueError, TypeError, AttributeError) as error:
        if isinstance(error, BoundaryError):
            raise
        raise _unreadable("SymPy could not rebuild it") from None


def _unreadable(reason: str) -> BoundaryError:
    return BoundaryError(f"a SymPy expression the grader cannot read: {reason}")


def _whole(value: object, what: str) -> int:
    if type(value) is not int or abs(value) >= 10**MAX_EXPRESSION_DIGITS:
        raise _unreadable(f"{what} is not an integer of at most {MAX_EXPRESSION_DIGITS} digits")
    return value


def _digits(number) -> int:
    """Decimal digits of a rebuilt SymPy Rational's numerator and denominator together (an estimate from bits)."""
    return (int(number.p).bit_length() + int(number.q).bit_length()) * 30103 // 100_000 + 1


def _rebuild(tree, sympy, state: _ExpressionBudget, depth: int):
    state.nodes += 1
    state.budget.spend()
    if state.nodes > MAX_EXPRESSION_NODES:
        raise _unreadable(f"it has more than {MAX_EXPRESSION_NODES} parts (simplify it first)")
    if depth > MAX_EXPRESSION_DEPTH:
        raise _unreadable(f"it is nested more than {MAX_EXPRESSION_DEPTH} levels deep (simplify it first)")
    if type(tree) is not list or not tree or type(tree[0]) is not str:
        raise _unreadable("a part of it is not a node")
    kind, rest = tree[0], tree[1:]
    if kind == "Symbol":
        if len(rest) != 1 or type(rest[0]) is not str or not 0 < len(rest[0]) <= MAX_SYMBOL_NAME \
                or not rest[0].isidentifier() or keyword.iskeyword(rest[0]):
            raise _unreadable(f"a symbol's name must be a Python identifier of at most {MAX_SYMBOL_NAME} characters")
        return sympy.Symbol(rest[0])
    if kind == "Integer" and len(rest) == 1:
        return sympy.Integer(_whole(rest[0], "a number in it"))
    if kind == "Rational" and len(rest) == 2:
        p, q = _whole(rest[0], "a numerator"), _whole(rest[1], "a denominator")
        if q == 0:
            raise _unreadable("a fraction in it has the denominator 0")
        return sympy.Rational(p, q)
    if kind == "Float" and len(rest) == 1:
        if type(rest[0]) is not float or not math.isfinite(rest[0]):
            raise _unreadable("a decimal number in it is not a finite float")
        return sympy.Float(rest[0])
    if kind in EXPRESSION_CONSTANTS and not rest:
        return sympy.S.NegativeInfinity if kind == "-oo" else getattr(sympy, EXPRESSION_CONSTANTS[kind])
    if kind not in EXPRESSION_FUNCTIONS:
        shown = kind if kind.isidentifier() and len(kind) <= 40 and isinstance(getattr(sympy, kind, None), type) \
            else "a kind of node"
        raise _unreadable(f"it uses {shown}, which a derivation here does not need (the grader reads "
                          f"{EXPRESSION_KINDS})")
    constructor, least, most = EXPRESSION_FUNCTIONS[kind]
    if not least <= len(rest) <= most:
        raise _unreadable(f"{kind} with {len(rest)} arguments")
    args = [_rebuild(child, sympy, state, depth + 1) for child in rest]
    if kind == "Pow":
        _check_power(*args)
    result = getattr(sympy, constructor)(*args)
    if result.is_Rational and _digits(result) > MAX_NUMBER_DIGITS:
        raise _unreadable(f"a number in it has more than {MAX_NUMBER_DIGITS} digits")
    return result


def _check_power(base, exponent) -> None:
    """Refuse a power that would compute an enormous number, or has an enormous exponent."""
    if not exponent.is_Number:
        return
    if exponent.is_Rational:
        if max(abs(int(exponent.p)), int(exponent.q)) > MAX_EXPONENT:
            raise _unreadable(f"an exponent in it is larger than {MAX_EXPONENT}")
        if base.is_Rational and _digits(base) * abs(int(exponent.p)) > MAX_NUMBER_DIGITS:
            raise _unreadable(f"a power in it has more than {MAX_NUMBER_DIGITS} digits")
    elif exponent.is_Float and not abs(float(exponent)) <= MAX_EXPONENT:
        raise _unreadable(f"an exponent in it is larger than {MAX_EXPONENT}")


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
