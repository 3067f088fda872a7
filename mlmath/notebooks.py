"""Reading notebooks and their nbgrader cells."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat import NotebookNode


def read(path: Path) -> NotebookNode:
    """Read a notebook as nbformat version 4."""
    return nbformat.read(str(path), as_version=4)


def write(nb: NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def read_nbgrader_cells(path: Path) -> NotebookNode:
    """The notebook at `path` with only nbgrader's cells (setup, checks, statements, solutions, tests): its lesson
    cells are ungraded and every test cell stands alone, so leaving them out changes no grade and halves the time
    a grading takes (the answer bank's and the tests' made-up submissions)."""
    nb = read(path)
    nb.cells = [c for c in nb.cells if grade_id(c)]
    return nb


def nbgrader_meta(cell: NotebookNode) -> dict:
    """The cell's nbgrader metadata ({} for a plain cell)."""
    return cell.get("metadata", {}).get("nbgrader", {})


def grade_id(cell: NotebookNode) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def is_autograded_test(cell: NotebookNode) -> bool:
    """An "autograder tests" cell: a graded, non-solution code cell."""
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_solution(cell: NotebookNode) -> bool:
    return bool(nbgrader_meta(cell).get("solution"))


def is_manual(cell: NotebookNode) -> bool:
    """A manually graded answer: graded and a solution (the written questions)."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and bool(meta.get("solution"))


def cells_by_id(nb: NotebookNode) -> dict[str, NotebookNode]:
    """The nbgrader cells of a notebook keyed by grade_id."""
    return {grade_id(c): c for c in nb.cells if grade_id(c)}


def test_cells(nb: NotebookNode) -> list[NotebookNode]:
    return [c for c in nb.cells if is_autograded_test(c)]


def tests_of(function: str, nb: NotebookNode) -> list[str]:
    """The grade_ids of the test cells of a graded function (named `<function>__<aspect>`)."""
    return [grade_id(c) for c in test_cells(nb) if grade_id(c).split("__", 1)[0] == function]


#: The aspects of a test cell's grade_id (`<function>__<aspect>`, without `hidden_`) that test input handling:
#: the stated errors, degenerate inputs, input types (docs/authoring.md, "Which points test what").
INPUT_HANDLING = frozenset({"errors", "edges", "inputs"})
HIDDEN_REGION = "### BEGIN HIDDEN TESTS"


def aspect(gid: str) -> str:
    """What a test cell tests, from its grade_id: `dot__hidden_errors` -> `errors`, `dot__visible` -> `visible`."""
    return gid.split("__", 1)[-1].removeprefix("hidden_")


def tests_input_handling(cell: NotebookNode) -> bool:
    return aspect(grade_id(cell)) in INPUT_HANDLING


def is_visible_test(cell: NotebookNode) -> bool:
    """An autograded test cell that a student runs as it is (no hidden region): it tells before grading."""
    return is_autograded_test(cell) and HIDDEN_REGION not in cell.source


def graded_functions(nb: NotebookNode) -> list[str]:
    """The graded functions of a notebook, in order: the code solution cells that have tests."""
    tested = {grade_id(c).split("__", 1)[0] for c in test_cells(nb)}
    return [grade_id(c) for c in nb.cells if c.cell_type == "code" and is_solution(c) and grade_id(c) in tested]


def has_outputs(nb: NotebookNode) -> bool:
    return any(c.cell_type == "code" and (c.get("outputs") or c.get("execution_count")) for c in nb.cells)


#: cell.metadata["mlmath"]["verdict"] of a test cell whose outputs the trusted test kernel wrote.
TEST_KERNEL = "test kernel"


def mark_verdict(cell: NotebookNode, by: str) -> None:
    """Record which kernel wrote a test cell's outputs (mlmath's own metadata, kept in the graded notebook)."""
    cell.setdefault("metadata", NotebookNode()).setdefault("mlmath", NotebookNode())["verdict"] = by


def verdict_by(cell: NotebookNode) -> str | None:
    """Which kernel wrote a graded test cell's outputs, as mark_verdict recorded it (None: not recorded)."""
    return cell.get("metadata", {}).get("mlmath", {}).get("verdict")
