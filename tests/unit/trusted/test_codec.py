"""The boundary's encoding: plain data round-trips exactly; everything else is refused with a clear message."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from mlmath.trusted import codec


def round_trip(value):
    return codec.loads(codec.dumps(value))


@pytest.mark.parametrize("value", [None, True, False, 0, -7, 10**200, 1.5, -0.0, 1e308, "", "text ü", 2 - 3j])
def test_python_scalars_round_trip_with_their_type(value):
    back = round_trip(value)
    assert type(back) is type(value)
    assert back == value
    if isinstance(value, float):
        assert math.copysign(1.0, back) == math.copysign(1.0, value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_floats_round_trip(value):
    back = round_trip(value)
    assert type(back) is float
    assert (math.isnan(back) and math.isnan(value)) or back == value


def test_containers_keep_their_kind_and_nesting():
    value = [1, (2.0, [None, "a"]), {"k": (1,), 3: [True], (1, 2): {}}]
    back = round_trip(value)
    assert back == value
    assert type(back[1]) is tuple and type(back[2]) is dict and type(back[2][(1, 2)]) is dict


@pytest.mark.parametrize("dtype", ["float64", "float32", ">f8", "int64", "int8", "uint16", "bool", "complex128"])
@pytest.mark.parametrize("shape", [(), (0,), (3,), (2, 3), (2, 0, 4)])
def test_arrays_round_trip_with_dtype_and_shape(dtype, shape):
    rng = np.random.default_rng(1)
    array = np.asarray(rng.normal(size=shape) * 10).astype(dtype)
    back = round_trip(array)
    assert isinstance(back, np.ndarray) and back.dtype == array.dtype and back.shape == array.shape
    assert np.array_equal(back, array)
    assert back.flags.writeable


def test_views_and_fortran_arrays_cross_by_value():
    base = np.arange(12.0).reshape(3, 4)
    for array in (base.T, base[:, ::2], np.asfortranarray(base)):
        assert np.array_equal(round_trip(array), array)


@pytest.mark.parametrize("scalar", [np.float64(2.5), np.float32(-1.25), np.int64(-3), np.uint8(7), np.bool_(True),
                                    np.complex64(1 + 2j)])
def test_numpy_scalars_stay_numpy_scalars(scalar):
    back = round_trip(scalar)
    assert type(back) is type(scalar) and back == scalar


def test_a_float_subclass_crosses_as_its_plain_value():
    class Shifty(float):
        calls = 0

        def __float__(self):
            Shifty.calls += 1
            return float(Shifty.calls)

        def __eq__(self, other):
            return True

        __hash__ = float.__hash__

    back = round_trip(Shifty(0.25))
    assert type(back) is float and back == 0.25


@pytest.mark.parametrize("value, words", [
    ((x for x in range(3)), "a generator"),
    (object(), "an object"),
    (np.array([1, "a"], dtype=object), "dtype object"),
    (np.array(["a", "b"]), "dtype <U1"),
    ({1, 2}, "a set"),
    (lambda: 0, "a function"),
])
def test_what_is_not_plain_data_is_refused_by_name(value, words):
    with pytest.raises(codec.BoundaryError, match=words):
        codec.dumps(value)


def test_callables_cross_as_numbered_callbacks_when_allowed():
    functions = []
    tree = codec.encode([len, {"f": abs}], lambda f: functions.append(f) or len(functions) - 1)
    back = codec.decode(tree, lambda number: ("callback", number))
    assert functions == [len, abs] and back == [("callback", 0), {"f": ("callback", 1)}]


def test_nesting_and_size_caps():
    deep = []
    for _ in range(codec.MAX_DEPTH + 2):
        deep = [deep]
    with pytest.raises(codec.BoundaryError, match="nested"):
        codec.dumps(deep)
    with pytest.raises(codec.BoundaryError, match="nested"):
        codec.loads(json.dumps(deep))
    with pytest.raises(codec.BoundaryError, match="parts"):
        codec.loads(json.dumps([0] * (codec.MAX_ITEMS + 1)))
    with pytest.raises(codec.BoundaryError, match="digits"):
        codec.decode(10**codec.MAX_INT_DIGITS)


@pytest.mark.parametrize("tree", [
    {"$": "pickle", "v": "gASV"},
    {"k": 1},
    {"$": "array", "dtype": "|O", "shape": [1], "data": "AAAAAAAAAAA="},
    {"$": "array", "dtype": "<f8", "shape": [2], "data": "AAAAAAAAAAA="},
    {"$": "array", "dtype": "<f8", "shape": [-1], "data": ""},
    {"$": "array", "dtype": "V8", "shape": [1], "data": "AAAAAAAAAAA="},
    {"$": "scalar", "dtype": "<f8", "shape": [1], "data": "AAAAAAAAAAA="},
    {"$": "array", "dtype": "<f8", "shape": [1], "data": "not base64!"},
    {"$": "complex", "v": ["1", 2.0]},
    {"$": "dict", "v": [[[1], 2]]},
    {"$": "callback", "v": 0},
])
def test_decoding_refuses_anything_but_plain_data(tree):
    with pytest.raises(codec.BoundaryError):
        codec.decode(tree)


@pytest.mark.parametrize("text", ["{", "x" * 10, json.dumps({"$": "tuple", "v": "no"})])
def test_unreadable_messages_are_refused(text):
    with pytest.raises(codec.BoundaryError):
        codec.loads(text)


def test_an_exception_crosses_as_its_nearest_builtin_base():
    class ShapeError(ValueError):
        pass

    summary = codec.exception_summary(ShapeError("wrong shape " * 100))
    assert summary["type"] == "ShapeError" and summary["bases"][0] == "ValueError"
    assert len(summary["message"]) == 500

    class Escape(BaseException):
        pass

    assert codec.exception_summary(Escape("x"))["bases"] == []
    assert codec.exception_summary(KeyError("k"))["bases"][:2] == ["KeyError", "LookupError"]


def test_an_exception_whose_str_fails_still_crosses():
    class Broken(ValueError):
        def __str__(self):
            raise RuntimeError("no")

    assert codec.exception_summary(Broken())["message"] == ""
