"""Code that the grader runs inside a grading kernel (sent as text, silently) so that answers cannot tamper
with the tests: `install()` right before the first answer cell runs, then `restore()` before and after every
autograded test cell. `restore()` puts back everything an answer changed and returns what it was.

What is watched:
- every attribute of builtins, math, cmath, operator, functools, and NumPy and its submodules;
- the modules, functions and classes that the cells before the first answer defined (the setup cell's
  imports, such as `np` and scikit-learn's `PCA`, and the check helpers), and the code, defaults and
  closure of each such function;
- the methods of those classes (and of their bases), and of the IPython shell and kernel, which report
  test results to the grader.

An answer cell that replaced `np.allclose` or `check_close` does not reach the next test; an answer that
patches something while a test calls it has that test failed by the grader. Everything the guard uses is
bound when it is installed, so replacing a builtin cannot turn the guard against itself. It cannot stop code
written against the guard itself, or code that writes into the interpreter's memory (ctypes).
"""


def _make_guard(user_ns, shell):  # pragma: no cover - runs in the grading kernel
    import sys
    import types

    _id, _type, _isinstance, _list, _set, _tuple, _sorted, _setattr, _delattr = (
        id, type, isinstance, list, set, tuple, sorted, setattr, delattr)
    _items, _setitem, _delitem = dict.items, dict.__setitem__, dict.__delitem__
    _startswith = str.startswith
    _Function, _Module = types.FunctionType, types.ModuleType
    _callables = (types.FunctionType, types.MethodType, types.BuiltinFunctionType, classmethod, staticmethod,
                  property)
    immutable = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE: a C type, which no answer can change
    module_names = ("builtins", "math", "cmath", "operator", "functools")
    ignored = ("__warningregistry__", "_")  # written by warnings and IPython's display hook, not by answers
    missing = object()

    def fingerprint(value):
        """A value's identity, and for a function also its code, defaults and closure."""
        if _isinstance(value, _Function):
            return (_id(value), _id(value.__code__), _id(value.__defaults__), _id(value.__kwdefaults__),
                    _tuple(_id(c) for c in (value.__closure__ or ())))
        return _id(value)

    def parts(value):
        if _isinstance(value, _Function):
            return (value.__code__, value.__defaults__, value.__kwdefaults__)
        return None

    def saved(mapping, kinds=object):
        """key -> (value, fingerprint, the function's own parts to put back), for the values of `kinds`."""
        return {k: (v, fingerprint(v), parts(v)) for k, v in _list(mapping.items()) if _isinstance(v, kinds)}

    def mutable_classes(values):
        seen, found = _set(), []
        for value in values:
            if _isinstance(value, _type):
                for cls in value.__mro__:
                    if not (cls.__flags__ & immutable) and _id(cls) not in seen:
                        seen.add(_id(cls))
                        found.append(cls)
        return found

    def in_dict(space):
        return lambda key, value: _setitem(space, key, value), lambda key: _delitem(space, key)

    def in_class(cls):
        return lambda key, value: _setattr(cls, key, value), lambda key: _delattr(cls, key)

    state = {}

    def install():
        names = {k: v for k, v in _list(_items(user_ns))
                 if not _startswith(k, "_") and _isinstance(v, (_Module, _Function, _type))}
        modules = [(name, m.__dict__) for name, m in _list(_items(sys.modules))
                   if m is not None and (name in module_names or name == "numpy" or _startswith(name, "numpy."))]
        reporters = [obj for obj in (shell, getattr(shell, "kernel", None)) if obj is not None]
        classes = mutable_classes([*names.values(), *(_type(obj) for obj in reporters)])
        # (label, mapping, what it was, how to put a value back and take a name out, kinds of new names watched
        #  and what to call one)
        state["watched"] = [
            *((name, space, saved(space), *in_dict(space), object, "name") for name, space in modules),
            *((f"{c.__module__}.{c.__qualname__}", c.__dict__, saved(c.__dict__, _callables), *in_class(c),
               _callables, "method") for c in classes),
            *((_type(o).__name__, o.__dict__, saved(o.__dict__, _callables), *in_dict(o.__dict__), _callables,
               "name") for o in reporters),
            (None, user_ns, saved(names), *in_dict(user_ns), None, None),  # only the names saved are watched here
        ]

    def put_back_changes(label, mapping, before, put, take_out, new_kinds, noun):
        """Put back what changed in `mapping` since `before`; what did, by name. New names of `new_kinds` are
        taken out again (and not named: the name is the answer's choice)."""
        found = []
        for key, (value, print_, parts_) in _list(_items(before)):
            now = mapping.get(key, missing)
            if now is missing or fingerprint(now) != print_:
                found.append(f"{label}.{key}" if label else key)
                put(key, value)
                if parts_ is not None:
                    value.__code__, value.__defaults__, value.__kwdefaults__ = parts_
        if new_kinds is None:
            return found
        for key, value in _list(mapping.items()):
            if key in before or key in ignored or not _isinstance(value, new_kinds):
                continue
            if _isinstance(value, _Module) and value.__name__ == f"{label}.{key}":
                continue  # a submodule imported since: not a change
            found.append(f"{label} (a {noun} added to it)")
            take_out(key)
        return found

    def restore():
        found = []
        for watched in state["watched"]:
            found += put_back_changes(*watched)
        return _sorted(_set(found))

    return types.SimpleNamespace(install=install, restore=restore)


#: Sent once, before the first answer cell: defines the guard, keeps it under one name, installs it.
INSTALL = ("__mlmath_guard__ = _make_guard(get_ipython().user_ns, get_ipython())\ndel _make_guard\n"
           "__mlmath_guard__.install()")
#: Evaluated (as a user expression) before and after every autograded test cell.
RESTORE = "__mlmath_guard__.restore()"
