"""Which wrong answers of the bank can share one submission without changing any verdict.

Grading a wrong answer alone costs a notebook run (two kernels, every test); most of the bank's wrong answers
touch functions that cannot see each other, so one submission can hold several of them, one per function,
when what each loses is still its own doing:

- a function's tests reach the functions their source names, and those that the reaching code names in turn
  (a pack member's answer, or the reference solution of a function not in the pack): a name is matched as a
  word anywhere in the source, strings and comments included, so the reach is never smaller than what runs;
- in a pack, every test cell of the notebook reaches at most one member, and the one it reaches with that
  member's answer alone (so it runs as in that answer's own submission, and each lost test has one author);
- every member is plain: at its top level only imports and function definitions (a docstring, a comment), so
  defining it changes nothing another member's tests could see.

What this cannot see (a kernel that died, a limit, a test lost that reaches no member) is checked after the
run by `answer_bank.grade`, which then grades the pack's answers one by one.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nbformat import NotebookNode

from mlmath import notebooks


def is_plain(source: str) -> bool:
    """Only imports and function definitions at the top level (a docstring allowed): nothing runs on definition
    but the decorators and default values of its functions."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.Import, ast.ImportFrom)) and not getattr(node, "decorator_list", []):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            continue
        return False
    return True


@dataclass(frozen=True)
class Dependencies:
    """A notebook's graded functions, their reference solutions and its test cells, as sources."""

    reference: Mapping[str, str]  # graded function -> the source of its reference solution cell
    tests: Mapping[str, str]  # grade_id -> the source of each autograded test cell (hidden tests included)
    shared: frozenset[str]  # graded functions named by the course's read-only cells (reached by every test)

    @classmethod
    def of(cls, nb: NotebookNode) -> Dependencies:
        """From the course's source notebook (the reference solutions and the hidden tests)."""
        cells = notebooks.cells_by_id(nb)
        functions = notebooks.graded_functions(nb)
        read_only = [c.source for c in nb.cells if c.cell_type == "code" and notebooks.grade_id(c)
                     and not notebooks.is_solution(c) and not notebooks.is_autograded_test(c)]
        reference = {f: cells[f].source for f in functions}
        shared = frozenset().union(*(_named(source, reference) for source in read_only))
        return cls(reference, {notebooks.grade_id(c): c.source for c in notebooks.test_cells(nb)}, shared)

    def reach(self, source: str, pack: Mapping[str, str]) -> frozenset[str]:
        """The graded functions that running `source` may call, with `pack`'s sources (function -> answer) in
        place of the reference solutions."""
        seen: set[str] = set()
        todo = list(_named(source, self.reference) | self.shared)
        while todo:
            function = todo.pop()
            if function in seen:
                continue
            seen.add(function)
            todo.extend(_named(pack.get(function, self.reference[function]), self.reference) - seen)
        return frozenset(seen)

    def authors(self, pack: Mapping[str, str]) -> dict[str, frozenset[str]]:
        """For each test cell, the pack members it reaches."""
        return {gid: self.reach(source, pack) & pack.keys() for gid, source in self.tests.items()}

    def can_share(self, pack: Mapping[str, str]) -> bool:
        """Every member plain, and every test cell runs as it would with one member alone: it reaches at most
        one member, the same one with the others' answers in place as alone (another member's answer can hide
        a call: a cosine that does not call `norm` keeps norm's answer from being charged on cosine's tests)."""
        if not all(map(is_plain, pack.values())):
            return False
        for source in self.tests.values():
            alone = {f for f in pack if f in self.reach(source, {f: pack[f]})}
            if len(alone) > 1 or self.reach(source, pack) & pack.keys() != alone:
                return False
        return True

    def packs(self, answers: Iterable, source=lambda a: a.path.read_text()) -> list[tuple]:
        """The answers (each with `.function`) in packs, first fit in the order given: an answer joins the first
        pack that has no answer of its function and can still share with it, else starts a new one."""
        packs: list[dict] = []
        for answer in answers:
            for pack in packs:
                if answer.function in pack:
                    continue
                trial = {a.function: source(a) for a in pack.values()} | {answer.function: source(answer)}
                if self.can_share(trial):
                    pack[answer.function] = answer
                    break
            else:
                packs.append({answer.function: answer})
        return [tuple(pack.values()) for pack in packs]


def _named(source: str, functions: Iterable[str]) -> frozenset[str]:
    return _named_among(source, tuple(functions))


@functools.lru_cache(maxsize=4096)
def _named_among(source: str, functions: tuple[str, ...]) -> frozenset[str]:
    """Memoised: packing asks the same few sources (the answers, the reference solutions, the tests) about the
    same functions hundreds of thousands of times (77 s for ch4's bank, uncached)."""
    return frozenset(f for f in functions if re.search(rf"\b{re.escape(f)}\b", source))
