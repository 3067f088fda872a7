"""What `nbgrader generate_assignment` adds to the student version so that a blank release runs top to bottom.

Two of nbgrader's generate_assignment preprocessors of our own (`apply` puts them in the list, so plain
`nbgrader generate_assignment` and `mlmath release` make the same release):

- NameStubs, right after nbgrader's ClearSolutions: each code answer cell's stub raises
  `NotImplementedError("Exercise 3 is not done yet: write `matmul` in its answer cell")` instead of a bare
  `NotImplementedError()`, so a traceback from an unfinished exercise says which exercise to write, and a lesson
  cell that needs it can print the message as it is (docs/authoring.md, "Lesson cells that use an exercise").
- TagTestCells: every autograded test cell carries the `raises-exception` tag, so JupyterLab's "Run All"
  (and nbclient) goes on past a failing test instead of stopping there; nbgrader still scores the cell 0.

An exercise's number is the `Exercise N` of the last markdown heading at or above its answer cell (the prompt
"### Exercise 3 — `matmul(A, B)`"); an answer cell under no such heading gets its place among the notebook's
answer cells. Its name is the function the cell defines (else its grade_id).
"""

from __future__ import annotations

import json
import re

from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode
from traitlets.config import Config

from mlmath import notebooks

#: The tag with which JupyterLab's Run All (and nbclient) goes on past a cell that raises.
RAISES_EXCEPTION = "raises-exception"
HEADING = re.compile(r"^#+\s*Exercise\s+(\d+)\b", re.MULTILINE)
BARE_STUB = re.compile(r"^(\s*)raise NotImplementedError(?:\(\))?\s*$", re.MULTILINE)
DEF = re.compile(r"^(?:async\s+def|def|class)\s+([A-Za-z_]\w*)", re.MULTILINE)


def exercises(nb: NotebookNode) -> dict[int, tuple[int, str]]:
    """Answer cell index -> (exercise number, name), for every code answer cell of the notebook."""
    found = {}
    heading = None
    place = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            numbers = HEADING.findall(cell.source)
            heading = int(numbers[-1]) if numbers else heading
        if notebooks.is_solution(cell):
            place += 1
            if cell.cell_type == "code":
                names = DEF.findall(cell.source)
                found[index] = (heading if heading is not None else place,
                                names[0] if names else notebooks.grade_id(cell) or "your answer")
    return found


class NameStubs(NbGraderPreprocessor):
    """Make each answer cell's `raise NotImplementedError()` name its exercise (after ClearSolutions)."""

    message = Unicode(
        "Exercise {number} is not done yet: write `{name}` in its answer cell",
        help="The message of a stub's NotImplementedError; {number} and {name} are the exercise's.",
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        for index, (number, name) in exercises(nb).items():
            cell = nb.cells[index]
            text = self.message.format(number=number, name=name)
            literal = json.dumps(text, ensure_ascii=False)  # a Python string literal as well
            cell.source = BARE_STUB.sub(rf"\g<1>raise NotImplementedError({_escaped(literal)})", cell.source)
        return nb, resources


def _escaped(text: str) -> str:
    """`text` as a literal replacement of re.sub (backslashes doubled)."""
    return text.replace("\\", "\\\\")


class TagTestCells(NbGraderPreprocessor):
    """Give every autograded test cell the `raises-exception` tag, so Run All goes on past a failing test."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        for cell in notebooks.test_cells(nb):
            tags = cell.setdefault("metadata", NotebookNode()).setdefault("tags", [])
            if RAISES_EXCEPTION not in tags:
                tags.append(RAISES_EXCEPTION)
        return nb, resources


def preprocessors() -> list:
    """nbgrader's generate_assignment list with NameStubs after ClearSolutions and TagTestCells after it."""
    from nbgrader.converters import GenerateAssignment
    from nbgrader.preprocessors import ClearSolutions

    stock = list(GenerateAssignment.class_traits()["preprocessors"].default())
    at = stock.index(ClearSolutions) + 1
    return [*stock[:at], f"{__name__}.NameStubs", f"{__name__}.TagTestCells", *stock[at:]]


def apply(config: Config) -> None:
    """Make `nbgrader generate_assignment` write the course's student version."""
    config.GenerateAssignment.preprocessors = preprocessors()
