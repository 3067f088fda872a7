"""The notebooks keep nbgrader's schema and the course's conventions (docs/authoring.md)."""

from __future__ import annotations

import ast

import nbformat
import pytest
from conftest import ASSIGNMENTS, COURSE, HIDDEN_REGION
from nbgrader.nbgraderformat import MetadataValidator

from mlmath import notebooks

SOURCES = [COURSE.source_notebook(a) for a in ASSIGNMENTS]
RELEASES = [COURSE.release_notebook(a) for a in ASSIGNMENTS]
ALL = SOURCES + RELEASES


def rel(path):
    return str(path.relative_to(COURSE.root))


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_notebook_is_valid_nbformat_and_nbgrader_schema(path):
    nb = notebooks.read(path)
    nbformat.validate(nb)
    MetadataValidator().validate_nb(nb)  # raises on invalid nbgrader metadata


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_grade_ids_are_unique(path):
    ids = [notebooks.grade_id(c) for c in notebooks.read(path).cells if notebooks.grade_id(c)]
    duplicates = sorted({g for g in ids if ids.count(g) > 1})
    assert not duplicates, f"duplicate grade_ids: {duplicates}"


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_notebook_is_stored_without_outputs(path):
    nb = notebooks.read(path)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"cells {dirty} have outputs or execution counts: clear them before committing"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_graded_function_has_a_prompt_visible_and_weightier_hidden_tests(assignment):
    nb = notebooks.read(COURSE.source_notebook(assignment))
    cells = notebooks.cells_by_id(nb)
    functions = notebooks.graded_functions(nb)
    assert len(functions) >= 5, f"only {len(functions)} graded functions: {functions}"
    for function in functions:
        assert f"{function}_prompt" in cells, f"{function} has no read-only exercise statement"
        tests = notebooks.tests_of(function, nb)
        assert f"{function}__visible" in tests, f"{function} has no visible test cell"
        hidden = [g for g in tests if g.startswith(f"{function}__hidden")]
        assert hidden, f"{function} has no hidden test cell"
        for gid in hidden:
            assert "### BEGIN HIDDEN TESTS" in cells[gid].source, f"{gid} has no hidden region"
        visible_points = cells[f"{function}__visible"].metadata.nbgrader.points
        hidden_points = sum(cells[g].metadata.nbgrader.points for g in hidden)
        assert hidden_points >= 2 * visible_points, (
            f"{function}: hidden tests carry {hidden_points} points, visible {visible_points}: "
            "the hidden tests must decide the grade"
        )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_test_cells_open_with_a_docstring_that_survives_release(assignment):
    released = notebooks.cells_by_id(notebooks.read(COURSE.release_notebook(assignment)))
    for cell in notebooks.test_cells(notebooks.read(COURSE.source_notebook(assignment))):
        gid = notebooks.grade_id(cell)
        body = ast.parse(cell.source).body
        first = body[0] if body else None
        assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(
            first.value.value, str
        ), f"{gid} does not open with a docstring saying what it checks"
        assert ast.get_docstring(ast.parse(released[gid].source)), f"{gid} lost its docstring in the release"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_stub_has_a_numpydoc_docstring_with_an_example(assignment):
    nb = notebooks.read(COURSE.release_notebook(assignment))
    cells = notebooks.cells_by_id(nb)
    for function in notebooks.graded_functions(notebooks.read(COURSE.source_notebook(assignment))):
        tree = ast.parse(cells[function].source)
        defs = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function]
        assert defs, f"the stub cell {function} does not define {function}()"
        doc = ast.get_docstring(defs[0]) or ""
        for section in ("Parameters", "Returns", "Examples", ">>>"):
            assert section in doc, f"the docstring of {function} has no {section!r}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_one_short_written_question_with_a_rubric(assignment):
    nb = notebooks.read(COURSE.source_notebook(assignment))
    manual = [c for c in nb.cells if notebooks.is_manual(c)]
    assert len(manual) == 1, f"expected one written question, found {len(manual)}"
    cell = manual[0]
    assert cell.cell_type == "markdown"
    assert 1 <= cell.metadata.nbgrader.points <= 2
    assert "rubric" in cell.source.lower(), "the written question's source cell has no grading rubric"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_cell_is_valid_python_or_markdown(assignment):
    nb = notebooks.read(COURSE.source_notebook(assignment))
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            try:
                ast.parse(cell.source)
            except SyntaxError as error:
                pytest.fail(f"cell {i} ({notebooks.grade_id(cell) or 'lesson'}) is not valid Python: {error}")


def checks_cell(assignment) -> str:
    return notebooks.cells_by_id(notebooks.read(COURSE.source_notebook(assignment)))["checks"].source


OWN_HELPERS = "\n\n\n# --- this chapter's own helpers"


def test_the_checks_cell_is_the_same_in_every_chapter():
    """One copy of the common helpers in every chapter; a chapter may add its own below them, after the line
    `# --- this chapter's own helpers`."""
    first, *others = ASSIGNMENTS
    common = checks_cell(first).split(OWN_HELPERS)[0]
    different = [a for a in others if checks_cell(a).split(OWN_HELPERS)[0] != common]
    assert not different, f"the checks cell of {different} differs from {first}'s: keep one copy in every chapter"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_hidden_test_shows_the_expected_value(assignment):
    """`show=True` prints the expected value: only a visible test's public example may ask for it."""
    for cell in notebooks.test_cells(notebooks.read(COURSE.source_notebook(assignment))):
        for region in HIDDEN_REGION.findall(cell.source):
            for node in ast.walk(ast.parse(region)):
                if isinstance(node, ast.Call):
                    shows = [k for k in node.keywords if k.arg == "show"]
                    assert not shows or (isinstance(shows[0].value, ast.Constant) and shows[0].value.value is False), (
                        f"{notebooks.grade_id(cell)}: a hidden test passes show= to a check")


def test_check_close_shows_your_value_and_a_hint_only_when_asked():
    helpers = {}
    exec(checks_cell(ASSIGNMENTS[0]), helpers)
    check_close, check_raises = helpers["check_close"], helpers["check_raises"]

    def message(*args, **kwargs):
        with pytest.raises(AssertionError) as failed:
            check_close(*args, **kwargs)
        return str(failed.value)

    hidden = message(22.0, 23.875, "dot(x, y)")
    assert "23.875" not in hidden and "22" not in hidden and "Hint" not in hidden
    shown = message(22.0, 23.875, "dot([2, 3], [4, 5])", show=True)
    assert "\n  yours:    22\n  expected: 23.875" in shown
    assert all(len(line) <= 88 for line in shown.splitlines()[1:]), "Validate cuts lines at 88 characters"
    typical = {22.0: "the loop stops one entry early", 24.0: "something else"}
    assert message(22.0, 23.875, "dot", mistakes=typical).endswith("\n  Hint: the loop stops one entry early")
    assert message(21.0, 23.875, "dot", mistakes=typical, hint="compare with np.sum(x * y)").endswith(
        "Hint: compare with np.sum(x * y)")
    assert "yours:    [1, 2]\n  expected: [1, 3]" in message([1.0, 2.0], [1.0, 3.0], "g", show=True)
    assert "yours:    nan" in message(float("nan"), 1.0, "s", show=True)
    long = message(1.0, 2.0, "x", hint="word " * 40)
    assert all(len(line) <= 78 for line in long.splitlines()[1:]) and long.count("Hint:") == 1
    check_close(23.875 + 1e-12, 23.875, "dot", show=True, mistakes=typical)  # a right value passes silently
    with pytest.raises(AssertionError, match=r"returned normally\n  Hint: compare the lengths"):
        check_raises(ValueError, lambda: 1.0, what="dot", hint="compare the lengths")


#: Calls a test cell may end with: they return nothing.
SILENT_CALLS = {"print", "check_raises", "check_close", "check_raises_once"}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_test_cell_ends_with_a_value(assignment):
    """A test cell's last line must not be an expression with a value: a kernel shows it, and stock nbgrader
    reads a shown number as the cell's partial grade (the trusted test kernel shows nothing, so only the source
    tells). Assign it (`_ = check_fit(...)`) instead."""
    ending = []
    for cell in notebooks.test_cells(notebooks.read(COURSE.source_notebook(assignment))):
        body = ast.parse(cell.source).body
        last = body[-1].value if body and isinstance(body[-1], ast.Expr) else None
        if last is None or isinstance(last, ast.Constant):
            continue
        if not (isinstance(last, ast.Call) and getattr(last.func, "id", None) in SILENT_CALLS):
            ending.append(notebooks.grade_id(cell))
    assert not ending, f"test cells ending with a value: {ending}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_lesson_cell_that_calls_an_answer_turns_its_errors_into_one_line(assignment):
    """A lesson cell that calls an exercise's function catches what a finished but wrong answer raises (as it
    catches the stub's NotImplementedError): one line naming the function, no traceback that would stop Run All."""
    from mlmath.trusted import lessons

    nb = notebooks.read(COURSE.source_notebook(assignment))
    functions = set(notebooks.graded_functions(nb))
    bare = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or notebooks.nbgrader_meta(cell) or not lessons.names(cell.source).read & functions:
            continue
        caught = {ast.unparse(h.type) for n in ast.walk(ast.parse(cell.source)) if isinstance(n, ast.Try)
                  for h in n.handlers if h.type is not None}
        if "Exception" not in caught:
            bare.append(index)
    assert not bare, f"lesson cells that let an answer's error through: {bare}"
