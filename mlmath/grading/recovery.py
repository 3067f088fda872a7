"""Notebooks whose nbgrader metadata was lost (a student copied their answers into a fresh notebook) are
rebuilt from the release before nbgrader grades them.

Each of the student's cells is matched to the release, never guessed:
- a code cell that defines a graded function at top level (`def dot(...)`) is that function's answer (a cell
  defining several is the answer to the first of them, and the others are answered by it);
- the written answer is the text after the written question's prompt (the student's copy of the prompt is
  found by its text or its heading), up to the next cell that is code or matches the release;
- a cell identical to one of the release (lesson, setup, helpers, tests) is that cell: the course's copy is
  used, and test and read-only cells are restored from the gradebook afterwards as for any submission;
- any other cell of the student's is kept, after the matched cell that precedes it in their notebook.
A graded function defined in more than one cell, or in none, and a written answer that cannot be found are
left unanswered and reported for a person. The student's file is never changed: the rebuilt notebook is what
nbgrader grades (`mlmath.grading.recover_cells.RecoverCells`, the first sanitize step).
"""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass, field

import nbformat
from nbformat import NotebookNode

from mlmath import notebooks

DEF = re.compile(r"^(?:async\s+def|def|class)\s+([A-Za-z_]\w*)", re.MULTILINE)


@dataclass
class Recovery:
    """A rebuilt notebook, what was matched, and what a person should look at."""

    notebook: NotebookNode
    answered: list[str] = field(default_factory=list)  # grade_ids of the answer cells filled from the student's
    problems: list[str] = field(default_factory=list)  # what could not be matched, in words for a person

    def notes(self, name: str) -> list[str]:
        answered = ", ".join(self.answered) or "nothing"
        return [f"recovered: {name} had no nbgrader metadata; matched to the release: {answered}",
                *(f"recovered: {problem}" for problem in self.problems)]


def lost_metadata(nb: NotebookNode) -> bool:
    """True if no cell of the notebook has nbgrader metadata (it was copied into a fresh notebook)."""
    return bool(nb.cells) and not any(notebooks.nbgrader_meta(cell) for cell in nb.cells)


def defined_names(source: str) -> list[str]:
    """The functions and classes a cell defines at top level, in order (a cell that does not parse is read
    line by line: its `def` lines at the start of a line)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return DEF.findall(source)
    return [node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]


def normalized(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def heading(source: str) -> str:
    """The first line of a markdown cell if it is a heading, else ""."""
    first = source.strip().splitlines()[0].strip() if source.strip() else ""
    return first if first.startswith("#") else ""


def rebuild(student: NotebookNode, release: NotebookNode) -> Recovery:
    """The release notebook with the student's answers in its answer cells and the student's other cells kept."""
    slots = {}  # graded name -> release index of its answer cell
    for index, cell in enumerate(release.cells):
        if cell.cell_type == "code" and notebooks.is_solution(cell):
            for name in defined_names(cell.source) or [notebooks.grade_id(cell)]:
                slots.setdefault(name, index)
    written = {index - 1: index for index, cell in enumerate(release.cells)  # prompt -> answer cell
               if cell.cell_type == "markdown" and notebooks.is_manual(cell) and index > 0
               and release.cells[index - 1].cell_type == "markdown"}
    same_text = {}
    for index, cell in enumerate(release.cells):
        same_text.setdefault((cell.cell_type, normalized(cell.source)), index)
    same_heading = {}
    for index, cell in enumerate(release.cells):
        if cell.cell_type == "markdown" and heading(cell.source):
            same_heading.setdefault(heading(cell.source), index)

    defining: dict[str, list[int]] = {}  # graded name -> the student's cells defining it
    home: dict[int, int] = {}  # student cell -> release index of its answer cell
    extras: dict[int | None, list[NotebookNode]] = {}  # release index (None: before any) -> cells kept after it
    answers: dict[int, list[str]] = {}  # release index of a written answer cell -> the student's text
    anchor: int | None = None
    pending: int | None = None  # the written answer cell whose prompt was the last matched cell
    for number, cell in enumerate(student.cells):
        text = normalized(cell.source)
        graded = [n for n in defined_names(cell.source) if n in slots] if cell.cell_type == "code" else []
        matched = same_text.get((cell.cell_type, text))
        if matched is None and cell.cell_type == "markdown" and heading(cell.source):
            matched = same_heading.get(heading(cell.source))
        if graded:
            for name in graded:
                defining.setdefault(name, []).append(number)
            home[number] = min(slots[n] for n in graded)
            anchor, pending = home[number], None
        elif matched is not None:
            anchor, pending = matched, written.get(matched)
            prompt = normalized(release.cells[matched].source)
            if pending is not None and text.startswith(prompt) and text != prompt:  # the answer below the prompt
                answers.setdefault(pending, []).append(text[len(prompt):].strip())
        elif cell.cell_type == "markdown" and pending is not None:
            answers.setdefault(pending, []).append(cell.source.strip())
        elif cell.cell_type in ("code", "markdown"):
            pending = None if cell.cell_type == "code" else pending
            extras.setdefault(anchor, []).append(_plain(cell))

    recovery = Recovery(nbformat.v4.new_notebook(metadata=copy.deepcopy(release.metadata)))
    ambiguous = {n for n, cells in defining.items() if len(cells) > 1}
    names_of = {number: [n for n in defined_names(student.cells[number].source) if n in slots] for number in home}
    kept = {number for number, names in names_of.items() if not ambiguous.intersection(names)}
    filled: dict[int, str] = {}
    for number in sorted(kept):
        names = names_of[number]
        source = student.cells[number].source
        filled[home[number]] = source if home[number] not in filled else f"{filled[home[number]]}\n\n{source}"
        for name in names:
            if slots[name] != home[number]:
                filled.setdefault(slots[name], f"# {name}: answered in the cell of {names[0]}\n")
    for name in sorted(slots, key=slots.get):
        cells = defining.get(name, [])
        listed = ", ".join(str(c + 1) for c in cells)
        if name in ambiguous:
            recovery.problems.append(f"{name} is defined in {len(cells)} cells ({listed}): none of them was "
                                     "graded, for a person to choose the answer")
        elif not cells:
            recovery.problems.append(f"no cell defines {name}: left unanswered")
        elif cells[0] not in kept:
            recovery.problems.append(f"{name} is defined only in cell {listed}, which also defines a function "
                                     "defined elsewhere: not graded, for a person")
    for index in written.values():
        if answers.get(index):
            filled[index] = "\n\n".join(answers[index])
        else:
            name = notebooks.grade_id(release.cells[index])
            recovery.problems.append(f"no written answer found after the prompt of {name}: left unanswered")

    first_answer = min([i for i, c in enumerate(release.cells) if notebooks.is_solution(c)], default=0)
    for index, cell in enumerate(release.cells):
        if index == first_answer:  # the student's cells before any that matched: just before the first answer
            recovery.notebook.cells.extend(extras.get(None, []))
        cell = copy.deepcopy(cell)
        if index in filled:
            cell.source = filled[index]
            recovery.answered.append(notebooks.grade_id(cell))
        recovery.notebook.cells.append(cell)
        recovery.notebook.cells.extend(extras.get(index, []))
    return recovery


def _plain(cell: NotebookNode) -> NotebookNode:
    """A student's cell kept as it is, without outputs or metadata (a fresh id)."""
    if cell.cell_type == "code":
        return nbformat.v4.new_code_cell(cell.source)
    return nbformat.v4.new_markdown_cell(cell.source)
