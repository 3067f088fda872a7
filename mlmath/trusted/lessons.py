"""Which of the lesson's own cells a grading may leave out: those that nothing graded can depend on.

Most of a notebook's running time is its lesson: examples and pictures that no test looks at. A lesson cell
(an unmarked code cell whose source is exactly the course's) is left out of the student's kernel when
- it reads no name that a student's cell (an answer, or a cell the student added or changed) binds, so it
  cannot call or change the student's code;
- it binds no name that a student's cell or another kept cell reads or binds, and none that a test looks up
  in the student's kernel (one it reads and does not bind itself).
A name that a student's cell binds only by an import the course's read-only cells make too (`import numpy as
np` in an answer, as in the setup cell) is not the student's: it names the same module either way.
The course's read-only cells (setup, check helpers) run in the student's kernel only in part: the statements
(imports, definitions) that something kept reads, and every statement that does more than bind names (the
tests have their own copy in the test kernel). A notebook with a cell this cannot read (IPython magics, a
syntax error), or whose student cells reach names by other means than reading them (globals(), eval, exec,
the __main__ module, sys, IPython's history...), keeps every cell. The grader still runs the whole notebook
again whenever a left-out cell might have mattered after all (a NameError from the answers, a name a test
looks for that is missing): see TrustedExecute.
"""

from __future__ import annotations

import ast
import functools
import symtable
from dataclasses import dataclass

from nbformat import NotebookNode

from mlmath.notebooks import is_autograded_test, nbgrader_meta


@dataclass(frozen=True)
class Names:
    bound: frozenset[str]  # bound at the top level (assigned, imported, defined)
    read: frozenset[str]  # read as globals: at the top level when the cell does not bind them itself, and
    # inside its functions and classes (at call time, whatever binds them last)


@functools.lru_cache(maxsize=1024)  # pure: a worker asks it about the same course cells for every notebook
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


@functools.lru_cache(maxsize=1024)  # pure: a worker asks it about the same course cells for every notebook
def looked_up(test_source: str) -> frozenset[str]:
    """The global names a test cell reads and does not bind at its top level: the names the test kernel looks up
    in the student's kernel (those it has not got itself; see `runner.Session.free_names`, whose rule this is).
    A name the test binds itself, even when a function of the test reads it, is the test's own."""
    table = symtable.symtable(test_source, "<test>", "exec")
    bound = {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()}
    found = {s.get_name() for s in table.get_symbols() if s.is_referenced()}
    stack = list(table.get_children())
    while stack:
        child = stack.pop()
        found |= {s.get_name() for s in child.get_symbols() if s.is_global() and s.is_referenced()}
        stack.extend(child.get_children())
    return frozenset(found - bound)


#: Names through which code can reach a global without naming it, and modules that lead to the namespace.
DYNAMIC_NAMES = frozenset({"globals", "locals", "vars", "eval", "exec", "compile", "__import__", "get_ipython",
                           "In", "Out", "_ih", "_oh", "_i", "__builtins__", "breakpoint"})
DYNAMIC_MODULES = frozenset({"sys", "__main__", "builtins", "inspect", "gc", "importlib", "ctypes", "IPython",
                             "code", "runpy", "pickle", "dill", "types"})


Import = tuple  # what one imported name is: ("import", module, asname) or ("from", level, module, name, asname)


@functools.lru_cache(maxsize=1024)  # pure: a worker asks it about the same course cells for every notebook
def imports(source: str) -> frozenset[Import]:
    """Every name-binding import of a cell, at any depth (SyntaxError if it is not plain Python)."""
    return frozenset().union(*(_imported(node) for node in ast.walk(ast.parse(source))))


def _imported(node: ast.AST) -> set[Import]:
    if isinstance(node, ast.Import):
        return {("import", a.name, a.asname) for a in node.names}
    if isinstance(node, ast.ImportFrom):
        return {("from", node.level, node.module, a.name, a.asname) for a in node.names}
    return set()


def _import_binds(made: Import) -> str:
    if made[0] == "import":
        return made[2] or made[1].split(".")[0]
    return made[4] or made[3]


def bound_like_the_course(source: str, course_imports: set[Import]) -> set[str]:
    """The names a cell binds only through imports that the course's cells make too, exactly (same module, same
    alias): they name the same module as the course's import does, so binding them again changes nothing."""
    tree = ast.parse(source)
    same, other = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for made in _imported(node):
                (same if made in course_imports else other).add(_import_binds(made))
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            other.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            other.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            other.update(node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            other.add(node.name)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            other.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            other.add(node.rest)
    return same - other


@functools.lru_cache(maxsize=1024)  # pure: a worker asks it about the same course cells for every notebook
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


@dataclass(frozen=True)
class Statement:
    """One top-level statement of a read-only course cell (setup, check helpers)."""

    source: str
    names: Names
    droppable: bool  # an import, a definition or a docstring: it does nothing but bind names


@functools.lru_cache(maxsize=1024)  # pure: a worker asks it about the same course cells for every notebook
def statements(source: str) -> tuple[Statement, ...]:
    lines = source.splitlines()
    found = []
    for node in ast.parse(source).body:
        text = "\n".join(lines[node.lineno - 1:node.end_lineno])
        decorated = bool(getattr(node, "decorator_list", None))
        docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        plain = isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)) and not decorated
        one_line = node.lineno == node.end_lineno or not isinstance(node, (ast.Import, ast.ImportFrom))
        found.append(Statement(text, names(text), (plain or docstring) and one_line))
    return tuple(found)


@dataclass(frozen=True)
class Plan:
    """What the student's kernel runs of a notebook."""

    skip: frozenset[int] = frozenset()  # code cells left out
    reduced: dict[int, str] | None = None  # read-only course cells run in part: index -> the statements needed


def plan(cells: list[NotebookNode], lesson_sources: set[str], test_sources: list[str]) -> Plan:
    """The lesson cells to leave out and the course statements to keep (see the module's docstring)."""
    code = {i: c for i, c in enumerate(cells) if c.cell_type == "code" and c.source.strip()}
    lessons = {i for i, c in code.items() if not nbgrader_meta(c) and c.source in lesson_sources}
    course = {i for i, c in code.items() if nbgrader_meta(c).get("locked") and not nbgrader_meta(c).get("grade")
              and not nbgrader_meta(c).get("solution")}
    students = {i for i, c in code.items() if i not in lessons and i not in course and not is_autograded_test(c)}
    try:
        found = {i: names(code[i].source) for i in lessons | students}
        parts = {i: statements(code[i].source) for i in course}
        tests_read = set().union(*(looked_up(source) for source in test_sources))
        if any(dynamic(code[i].source) for i in students):
            return Plan()
        course_imports = set().union(*(imports(code[i].source) for i in course))
        student_bound = set().union(*(found[i].bound - bound_like_the_course(code[i].source, course_imports)
                                      for i in students))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return Plan()
    student_used = student_bound.union(*(found[i].read for i in students))
    skip = {i for i in lessons if not (found[i].read & student_bound) and not (found[i].bound & student_used)
            and not (found[i].bound & tests_read)}
    kept = {i: [not p.droppable for p in parts[i]] for i in course}
    while True:  # what a kept cell or statement reads, the cells and statements that bind it must provide
        needed = set().union(*(found[i].read for i in found if i not in skip))
        needed |= set().union(*(p.names.read for i in course for p, k in zip(parts[i], kept[i], strict=True) if k))
        changed = {i for i in skip if found[i].bound & needed}
        skip -= changed
        for i in course:
            for n, part in enumerate(parts[i]):
                if not kept[i][n] and part.names.bound & needed:
                    kept[i][n] = changed = True
        if not changed:
            break
    reduced = {i: "\n".join(p.source for p, k in zip(parts[i], kept[i], strict=True) if k) + "\n"
               for i in course if not all(kept[i])}
    skip |= {i for i, text in reduced.items() if not text.strip()}
    return Plan(frozenset(skip), {i: text for i, text in reduced.items() if text.strip()})


def skippable(cells: list[NotebookNode], lesson_sources: set[str], test_sources: list[str]) -> set[int]:
    """Indices of the lesson cells that a grading may leave out."""
    return set(plan(cells, lesson_sources, test_sources).skip) - {
        i for i, c in enumerate(cells) if nbgrader_meta(c).get("locked")}


def setup_for_tests(setup: list[str], test_sources: list[str]) -> list[str]:
    """The course's read-only cells as the test kernel needs them: every statement that does more than bind
    names, and the imports and definitions that the tests read, or that something kept reads, in turn. A
    cell's imports that no test needs (matplotlib, scikit-learn for the lesson's pictures) then cost the test
    kernel nothing. Kept whole when a test may reach names without naming them, or a cell cannot be read."""
    return list(_setup_for_tests(tuple(setup), tuple(test_sources)))


@functools.lru_cache(maxsize=64)  # the same course for every notebook a worker grades
def _setup_for_tests(setup: tuple[str, ...], test_sources: tuple[str, ...]) -> tuple[str, ...]:
    try:
        if any(dynamic(source) for source in test_sources):
            return setup
        parts = [statements(source) for source in setup]
        needed = set().union(*(names(source).read for source in test_sources))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return setup
    kept = [[not p.droppable for p in cell] for cell in parts]
    changed = True
    while changed:
        needed |= set().union(*(p.names.read for cell, keep in zip(parts, kept, strict=True)
                                for p, k in zip(cell, keep, strict=True) if k))
        changed = False
        for cell, keep in zip(parts, kept, strict=True):
            for n, part in enumerate(cell):
                if not keep[n] and part.names.bound & needed:
                    keep[n] = changed = True
    return tuple("\n".join(p.source for p, k in zip(cell, keep, strict=True) if k) + "\n"
                 for cell, keep in zip(parts, kept, strict=True))
