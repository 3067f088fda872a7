"""`release/` is what nbgrader generates from `source/` now, and nothing secret reaches it."""

from __future__ import annotations

import inspect
import json

import pytest
from conftest import ASSIGNMENTS, COURSE

from mlmath import nbgrader_cli, notebooks

SECRET_REGIONS = [
    ("### BEGIN SOLUTION", "### END SOLUTION"),
    ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"),
]
MARKERS = ["BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN MARK SCHEME"]


def files_under(folder):
    return {p.relative_to(folder): p for p in sorted(folder.rglob("*")) if p.is_file()}


def comparable(nb_path):
    """A notebook as JSON, for comparing two generated releases."""
    return json.loads(nb_path.read_text())


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    scratch = COURSE.scratch_copy(tmp_path_factory.mktemp("regen"), with_release=False)
    for assignment in ASSIGNMENTS:
        nbgrader_cli.run(scratch, "generate_assignment", assignment, "--force")
    return scratch


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_is_exactly_what_generate_assignment_makes(regenerated, assignment):
    committed = files_under(COURSE.release / assignment)
    fresh = files_under(regenerated.release / assignment)
    stale = "release/ is stale: run `mlmath release` and commit the result"
    assert sorted(committed) == sorted(fresh), f"{stale} (files differ)"
    for name, path in fresh.items():
        if path.suffix == ".ipynb":
            assert comparable(committed[name]) == comparable(path), f"{stale} ({name} differs)"
        else:
            assert committed[name].read_bytes() == path.read_bytes(), f"{stale} ({name} differs)"


def secret_and_public_lines(nb):
    """Split a source notebook's lines into secret ones (solutions, hidden tests, model answers) and the rest."""
    secret, public = set(), set()
    for cell in nb.cells:
        if notebooks.is_manual(cell):
            secret.update(line.strip() for line in cell.source.splitlines())
            continue
        inside = False
        for line in cell.source.splitlines():
            stripped = line.strip()
            if any(stripped.startswith(begin) for begin, _ in SECRET_REGIONS):
                inside = True
            elif any(stripped.startswith(end) for _, end in SECRET_REGIONS):
                inside = False
            (secret if inside else public).add(stripped)
    return secret, public


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_solution_or_hidden_test_reaches_the_release(assignment):
    secret, public = secret_and_public_lines(notebooks.read(COURSE.source_notebook(assignment)))
    only_secret = {line for line in secret - public if len(line) >= 4 and not line.startswith("###")}
    assert only_secret, "found no solution or hidden-test lines to look for"
    for name, path in files_under(COURSE.release / assignment).items():
        text = path.read_text(errors="replace")
        for marker in MARKERS:
            assert marker not in text, f"release/{assignment}/{name} contains {marker!r}"
        if path.suffix == ".ipynb":
            released = {line.strip() for c in notebooks.read(path).cells for line in c.source.splitlines()}
        else:
            released = {line.strip() for line in text.splitlines()}
        leaked = sorted(only_secret & released)
        assert not leaked, f"release/{assignment}/{name} contains solution or hidden-test lines: {leaked[:5]}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_stub_raises_not_implemented(assignment):
    nb = notebooks.read(COURSE.release_notebook(assignment))
    cells = notebooks.cells_by_id(nb)
    functions = notebooks.graded_functions(notebooks.read(COURSE.source_notebook(assignment)))
    for function in functions:
        namespace = {}
        exec(cells[function].source, namespace)
        stub = namespace[function]
        dummies = [None] * sum(
            p.default is inspect.Parameter.empty for p in inspect.signature(stub).parameters.values()
        )
        named = rf"^Exercise \d+ is not done yet: write `{function}` in its answer cell$"
        with pytest.raises(NotImplementedError, match=named):
            stub(*dummies)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_autograded_test_cell_of_the_release_lets_run_all_go_on(assignment):
    nb = notebooks.read(COURSE.release_notebook(assignment))
    assert notebooks.test_cells(nb)
    for cell in notebooks.test_cells(nb):
        assert "raises-exception" in cell.metadata.get("tags", []), notebooks.grade_id(cell)
    untagged = [c for c in nb.cells if not notebooks.is_autograded_test(c) and "raises-exception" in
                c.metadata.get("tags", [])]
    assert not untagged, "only the autograded test cells may fail without stopping Run All"
