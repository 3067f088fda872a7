"""Which of the lesson's own cells a grading may leave out: those that nothing graded can depend on.

Most of a notebook's running time is its lesson: examples and pictures that no test looks at. A lesson cell
(an unmarked code cell whose source is exactly the course's) is left out of the student's kernel when
- it reads no name that a student's cell (an answer, or a cell the student added or changed) binds, so it
  cannot call or change the student's code;
- it binds no name that a student's cell or another kept cell reads or binds, and none that a test reads.
A notebook with a cell this cannot read (IPython magics, a syntax error), or whose student cells reach names
by other means than reading them (globals(), eval, exec, the __main__ module, sys, IPython's history...),
keeps every cell. The grader still
runs the whole notebook again whenever a left-out cell might have mattered after all (a NameError from the
answers, a name a test looks for that is missing): see TrustedExecute.
"""

from __future__ import annotations

import ast
import symtable
from dataclasses import dataclass

from nbformat import NotebookNode

from mlmath.notebooks import is_autograded_test, nbgrader_meta


@dataclass(frozen=True)
class Names:
    bound: frozenset[str]  # bound at the top level (assigned, imported, defined)
    read: frozenset[str]  # read as globals: at the top level when the cell does not bind them itself, and
    # inside its functions and classes (at call time, whatever binds them last)


def names(source: str) -> Names:
    """The global names a cell binds and reads (SyntaxError if it is not plain Python)."""
    table = symtable.symtable(source, "<cell>", "exec")
    bound = {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()}
    read = {s.get_name() for s in table.get_symbols() if s.is_referenced()} - bound
    stack = list(table.get_children())
    while stack:
        child = stack.pop()
        for symbol in child.get_symbols():
            if symbol.is_global() or symbol.is_declared_global():
                read.add(symbol.get_name())
                if symbol.is_assigned():
                    bound.add(symbol.get_name())
        stack.extend(child.get_children())
    return Names(frozenset(bound), frozenset(read))


#: Names through which code can reach a global without naming it, and modules that lead to the namespace.
DYNAMIC_NAMES = frozenset({"globals", "locals", "vars", "eval", "exec", "compile", "__import__", "get_ipython",
                           "In", "Out", "_ih", "_oh", "_i", "__builtins__", "breakpoint"})
DYNAMIC_MODULES = frozenset({"sys", "__main__", "builtins", "inspect", "gc", "importlib", "ctypes", "IPython",
                             "code", "runpy", "pickle", "dill", "types"})


def dynamic(source: str) -> bool:
    """Whether a cell may reach names without naming them (so that what it needs cannot be read off it)."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in DYNAMIC_NAMES:
            return True
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] in DYNAMIC_MODULES for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in DYNAMIC_MODULES:
            return True
    return False


def skippable(cells: list[NotebookNode], lesson_sources: set[str], test_sources: list[str]) -> set[int]:
    """Indices of the code cells that a grading may leave out (see the module's docstring)."""
    code = {i: c for i, c in enumerate(cells) if c.cell_type == "code" and c.source.strip()}
    try:
        found = {i: names(c.source) for i, c in code.items() if not is_autograded_test(c)}
        tests = [names(source) for source in test_sources]
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    lessons = {i for i, c in code.items() if not nbgrader_meta(c) and c.source in lesson_sources}
    students = {i for i, c in code.items() if i not in lessons and i in found
                and (nbgrader_meta(c).get("solution") or not nbgrader_meta(c))}
    try:
        if any(dynamic(code[i].source) for i in students):
            return set()
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    student_bound = set().union(*(found[i].bound for i in students))
    student_used = student_bound.union(*(found[i].read for i in students))
    tests_read = set().union(*(t.read for t in tests))
    skip = {i for i in lessons if not (found[i].read & student_bound) and not (found[i].bound & student_used)
            and not (found[i].bound & tests_read)}
    while True:  # a kept cell that reads what a left-out cell binds needs that cell
        needed = set().union(*(found[i].read for i in found if i not in skip))
        keep = {i for i in skip if found[i].bound & needed}
        if not keep:
            return skip
        skip -= keep
