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
    _items, _keys, _get, _setitem, _delitem = dict.items, dict.keys, dict.get, dict.__setitem__, dict.__delitem__
    _startswith = str.startswith
    _Function, _Module, _Method = types.FunctionType, types.ModuleType, types.MethodType
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

    def saved(mapping, only_callables=False):
        """key -> (value, fingerprint, the function's own parts to put back) of a namespace."""
        return {k: (v, fingerprint(v), parts(v)) for k, v in _list(mapping.items())
                if not only_callables or _isinstance(v, _callables)}

    def parts(value):
        if _isinstance(value, _Function):
            return (value.__code__, value.__defaults__, value.__kwdefaults__)
        return None

    def put_back(value, parts_):
        if parts_ is not None:
            value.__code__, value.__defaults__, value.__kwdefaults__ = parts_

    def mutable_classes(values):
        seen, found = _set(), []
        for value in values:
            if _isinstance(value, _type):
                for cls in value.__mro__:
                    if not (cls.__flags__ & immutable) and _id(cls) not in seen:
                        seen.add(_id(cls))
                        found.append(cls)
        return found

    state = {}

    def install():
        names = {k: v for k, v in _list(_items(user_ns))
                 if not _startswith(k, "_") and _isinstance(v, (_Module, _Function, _type))}
        modules = [(name, m.__dict__) for name, m in _list(_items(sys.modules))
                   if m is not None and (name in module_names or name == "numpy" or _startswith(name, "numpy."))]
        reporters = [obj for obj in (shell, getattr(shell, "kernel", None)) if obj is not None]
        classes = mutable_classes([*names.values(), *(_type(obj) for obj in reporters)])
        state["names"] = saved(names)
        state["modules"] = [(name, space, saved(space)) for name, space in modules]
        state["classes"] = [(cls, saved(cls.__dict__, only_callables=True)) for cls in classes]
        state["instances"] = [(obj, saved(obj.__dict__, only_callables=True)) for obj in reporters]
        return len(state["modules"])

    def check_dict(label, space, before, restore, only_callables=False):
        found = []
        for key, (value, print_, parts_) in _list(_items(before)):
            now = _get(space, key, missing)
            if now is missing or fingerprint(now) != print_:
                found.append(f"{label}.{key}")
                if restore:
                    _setitem(space, key, value)
                    put_back(value, parts_)
        for key in _list(_keys(space)):
            if only_callables is None:  # the user's namespace: only the names saved are watched
                break
            if key in before or key in ignored:
                continue
            value = space[key]
            if only_callables and not _isinstance(value, _callables):
                continue
            if _isinstance(value, _Module) and value.__name__ == f"{label}.{key}":
                continue  # a submodule imported since: not a change
            found.append(f"{label} (a name added to it)")  # the name itself is the answer's choice: not shown
            if restore:
                _delitem(space, key)
        return found

    def check_class(cls, before, restore):
        label, found = f"{cls.__module__}.{cls.__qualname__}", []
        for key, (value, print_, parts_) in _list(_items(before)):
            now = cls.__dict__.get(key, missing)
            if now is missing or fingerprint(now) != print_:
                found.append(f"{label}.{key}")
                if restore:
                    _setattr(cls, key, value)
                    put_back(value, parts_)
        for key, value in _list(cls.__dict__.items()):
            if key not in before and _isinstance(value, _callables):
                found.append(f"{label} (a method added to it)")
                if restore:
                    _delattr(cls, key)
        return found

    def restore(apply=True):
        found = []
        for label, space, before in state["modules"]:
            found += check_dict(label, space, before, apply)
        for cls, before in state["classes"]:
            found += check_class(cls, before, apply)
        for obj, before in state["instances"]:
            found += check_dict(_type(obj).__name__, obj.__dict__, before, apply, only_callables=True)
        found += check_dict("", user_ns, state["names"], apply, only_callables=None)
        return _sorted(_set(name.lstrip(".") for name in found))

    return types.SimpleNamespace(install=install, restore=restore)


#: Sent once, before the first answer cell: defines the guard, keeps it under one name, installs it.
INSTALL = ("__mlmath_guard__ = _make_guard(get_ipython().user_ns, get_ipython())\ndel _make_guard\n"
           "__mlmath_guard__.install()")
#: Evaluated (as a user expression) before and after every autograded test cell.
RESTORE = "__mlmath_guard__.restore()"
