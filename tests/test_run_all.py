"""Every release notebook runs top to bottom before a line of it is answered, as a student runs it in
JupyterLab ("Run All"), and the source notebooks run clean.

Each release notebook runs in a real kernel (nbclient, on a scratch copy of its folder), and two things are checked:
- as JupyterLab's Run All: stopping at the first error of a cell without the `raises-exception` tag (nbclient's
  default honours the tag, as JupyterLab does); it must reach the last cell;
- with every error allowed: the only errors are those of the exercises' own test cells, each naming the
  unfinished exercise (the stub's NotImplementedError, or a visible check reporting it); no NameError, no lesson
  cell that fails. A lesson cell that needs an unfinished exercise prints one line naming it and draws nothing.
A Run All that reached the last cell ran every cell, its errors kept as outputs: that one run is the run with every
error allowed (the same cells, in the same order, in the same kernel). Only when it stopped early is the notebook
run again with every error allowed, so that the second check still sees every error.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ASSIGNMENTS, COURSE
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from mlmath import notebooks
from mlmath.sandbox.widgets import NoWidgetFrontend

pytestmark = pytest.mark.slow

RELEASES = ASSIGNMENTS
STUB = re.compile(r"Exercise \d+ is not done yet: write `(\w+)` in its answer cell")


class Client(NoWidgetFrontend, NotebookClient):
    """A widget's outputs land in its cell, where the checks below see them."""


def execute(notebook: Path, workdir: Path, allow_errors: bool):
    """Run a copy of `notebook` (with its folder's data) top to bottom; return it and the error that stopped it."""
    shutil.copytree(notebook.parent, workdir)
    nb = notebooks.read(workdir / notebook.name)
    client = Client(nb, timeout=120, kernel_name="python3", allow_errors=allow_errors,
                    resources={"metadata": {"path": str(workdir)}})
    try:
        client.execute()
    except CellExecutionError as error:
        return nb, error
    return nb, None


def errors(cell) -> list:
    return [o for o in cell.get("outputs", []) if o.output_type == "error"]


def stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")


def code_cells(nb):
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    made = {}

    def run(kind: str, assignment: str, allow_errors: bool):
        key = (kind, assignment, allow_errors)
        if key not in made:
            path = COURSE.release_notebook(assignment) if kind == "release" else COURSE.source_notebook(assignment)
            made[key] = execute(path, tmp_path_factory.mktemp(f"{kind}-{assignment}") / assignment, allow_errors)
        return made[key]
    return run


@pytest.mark.parametrize("assignment", RELEASES)
def test_run_all_in_jupyterlab_reaches_the_last_cell_of_the_blank_release(runs, assignment):
    nb, stopped = runs("release", assignment, allow_errors=False)
    assert stopped is None, f"Run All stops with an error the student did not cause:\n{stopped}"
    unrun = [i for i, c in code_cells(nb) if not c.get("execution_count")]
    assert not unrun, f"cells {unrun} never ran"


@pytest.mark.parametrize("assignment", RELEASES)
def test_the_only_errors_of_the_blank_release_are_the_unfinished_exercises(runs, assignment):
    nb, stopped = runs("release", assignment, allow_errors=False)  # Run All's run, when it reached the end
    if stopped is not None:
        nb, stopped = runs("release", assignment, allow_errors=True)
    assert stopped is None
    assert not [i for i, c in code_cells(nb) if not c.get("execution_count")], "some cells never ran"
    functions = set(notebooks.graded_functions(notebooks.read(COURSE.source_notebook(assignment))))
    failing_tests = 0
    for index, cell in code_cells(nb):
        where = f"cell {index} ({notebooks.grade_id(cell) or 'lesson'})"
        for error in errors(cell):
            text = f"{error.ename}: {error.evalue}"
            assert notebooks.is_autograded_test(cell), f"{where} fails: {text}"
            named = STUB.search(error.evalue)
            assert error.ename in ("NotImplementedError", "AssertionError") and named, (
                f"{where} fails with something else than an unfinished exercise: {text}")
            assert named.group(1) in functions
            failing_tests += 1
        told = [line for line in stdout(cell).splitlines() if STUB.search(line)]
        if told and not notebooks.is_autograded_test(cell):
            assert len(told) == 1, f"{where} prints {len(told)} lines about unfinished exercises, not one"
            drawn = [o for o in cell.outputs if o.output_type in ("display_data", "execute_result")]
            assert not drawn, f"{where} draws something though an exercise it needs is not done"
    source = notebooks.read(COURSE.source_notebook(assignment))
    visible = [c for c in notebooks.test_cells(source) if notebooks.is_visible_test(c)]
    assert failing_tests >= len(visible), "every visible test of a blank notebook fails, naming its exercise"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_source_notebook_runs_clean(runs, assignment):
    nb, stopped = runs("source", assignment, allow_errors=False)
    assert stopped is None, f"the reference notebook fails:\n{stopped}"
    assert not [i for i, c in code_cells(nb) if errors(c)]
