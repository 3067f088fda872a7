"""The students' Validate button, answering with a short summary first.

nbgrader's Validate (its JupyterLab button, `POST /assignments/validate`) runs the notebook in the student's own
Jupyter and lists every failing test cell with its full traceback: a dialog of thousands of characters with no
word on what passed. `SummaryValidator` is nbgrader's `Validator` with its answer reshaped:

1. a summary: each exercise (graded function) passes its visible tests, fails (with the first failing check's
   message, one line), or is not attempted (still the stub); and whether each written answer is filled in;
2. for each failing exercise, its first failing test cell and that check's message (no traceback).

A notebook whose test cells were changed, or whose cell types were, keeps nbgrader's own answer. Nothing here
needs the gradebook or a sandbox: in a student's notebook the hidden tests are not there to run.

The button reaches it through a Jupyter server extension (this module): its handler for
`/assignments/validate` is registered before nbgrader's (extensions load in the order of their names), and
is nbgrader's handler with `SummaryValidator` in place of `Validator`. `make setup` enables it in `.venv`
(`.venv/etc/jupyter/jupyter_server_config.d/mlmath.json`, as nbgrader's own `nbgrader.json` beside it).
"""

from __future__ import annotations

import ast
import html
import traceback
from dataclasses import dataclass

from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.validator import Validator

from mlmath import notebooks
from mlmath.reporting.results import strip_ansi

STUB = "NotImplementedError"
TEXT_STUB = "YOUR ANSWER HERE"
SUMMARY_SOURCE = "Summary of your notebook (the cells that failed follow, one per exercise)"


@dataclass(frozen=True)
class ExerciseCheck:
    """One exercise as Validate found it."""

    name: str
    status: str  # "passes" | "fails" | "not attempted" | "answered" | "not answered"
    message: str = ""  # the first failing check's message, one line
    cell_source: str = ""  # the first failing test cell's source (what the student can run again)

    @property
    def ok(self) -> bool:
        return self.status in ("passes", "answered")


def first_error(cell: NotebookNode) -> str:
    """`ename: evalue` of a cell's first error output, one line, ANSI codes removed ("" if none)."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            ename = strip_ansi(str(output.get("ename", ""))).strip()
            evalue = " ".join(strip_ansi(str(output.get("evalue", ""))).split())
            return f"{ename}: {evalue}" if evalue else ename
    return ""


def failed(cell: NotebookNode, log) -> bool:
    score, max_score = utils.determine_grade(cell, log)
    return score is not None and score < max_score


def runs_checks(cell: NotebookNode) -> bool:
    """Whether a test cell checks anything: in a student's notebook a hidden test is only its docstring and a
    printed note (`print("The hidden tests of this cell run when your notebook is graded.")`), which pass by
    themselves."""
    try:
        body = ast.parse(cell.source).body
    except SyntaxError:
        return True
    return not all(inert(node) for node in body)


def inert(node: ast.stmt) -> bool:
    """A constant (a docstring) or a print of constants."""
    if not isinstance(node, ast.Expr):
        return False
    value = node.value
    if isinstance(value, ast.Constant):
        return True
    return (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "print"
            and all(isinstance(arg, ast.Constant) for arg in value.args) and not value.keywords)


def written_filled(cell: NotebookNode) -> bool:
    text = cell.source.strip()
    return bool(text) and text != TEXT_STUB


def check_exercises(nb: NotebookNode, log=None) -> list[ExerciseCheck]:
    """Each graded function's tests and each written answer of an executed notebook, in notebook order."""
    checks: list[ExerciseCheck] = []
    for function in notebooks.graded_functions(nb):
        tests = [c for c in notebooks.test_cells(nb)
                 if notebooks.grade_id(c).split("__", 1)[0] == function and runs_checks(c)]
        failing = [c for c in tests if failed(c, log)]
        if not failing:
            checks.append(ExerciseCheck(function, "passes"))
            continue
        message = first_error(failing[0]) or "the test did not earn its points"
        stub = all(STUB in first_error(c) for c in failing) and len(failing) == len(tests)
        checks.append(ExerciseCheck(function, "not attempted" if stub else "fails", message, failing[0].source))
    for cell in nb.cells:
        if notebooks.is_manual(cell):
            status = "answered" if written_filled(cell) else "not answered"
            checks.append(ExerciseCheck(f"written answer ({notebooks.grade_id(cell)})", status))
    return checks


def summary_lines(checks: list[ExerciseCheck]) -> list[str]:
    """The summary as plain lines, the passing exercises first named together."""
    lines = []
    for check in checks:
        if check.status == "passes":
            lines.append(f"✔ {check.name}: passes its visible tests")
        elif check.status == "answered":
            lines.append(f"✔ {check.name}: filled in")
        elif check.status == "not answered":
            lines.append(f"✘ {check.name}: not filled in yet")
        elif check.status == "not attempted":
            lines.append(f"… {check.name}: not attempted yet (still raises NotImplementedError)")
        else:
            lines.append(f"✘ {check.name}: fails: {check.message}")
    passing = sum(c.status == "passes" for c in checks)
    exercises = sum(c.status in ("passes", "fails", "not attempted") for c in checks)
    return [f"{passing} of {exercises} exercises pass their visible tests (the hidden tests run when your notebook "
            "is graded).", *lines]


def summarised(results: dict, checks: list[ExerciseCheck]) -> dict:
    """nbgrader's results reshaped: the summary first, then one entry per failing exercise (no traceback)."""
    if "type_changed" in results or "changed" in results or "passed" in results:
        return results
    if all(c.ok for c in checks):
        return {}  # nbgrader's "Success! Your notebook passes all the tests."
    summary = "\n".join(summary_lines(checks))
    entries = [{"source": SUMMARY_SOURCE, "error": html.escape(summary), "raw_error": summary}]
    for check in checks:
        if check.status == "fails":
            entries.append({"source": check.cell_source.strip(), "error": html.escape(check.message),
                            "raw_error": check.message})
    return {"failed": entries}


class SummaryValidator(Validator):
    """nbgrader's Validator, answering with a summary first (see the module's docstring)."""

    _executed: NotebookNode | None = None

    def _preprocess(self, nb: NotebookNode) -> NotebookNode:
        nb = super()._preprocess(nb)
        self._executed = nb
        return nb

    def validate(self, filename: str) -> dict:
        self._executed = None
        results = super().validate(filename)
        if self._executed is None:  # nbgrader stopped before running it (cell types changed)
            return results
        return summarised(results, check_exercises(self._executed, self.log))


# --- the Jupyter server extension ------------------------------------------------------------------------


def _handler_class():
    from nbgrader.nbgraderformat import SchemaTooNewError, SchemaTooOldError
    from nbgrader.server_extensions.validate_assignment.handlers import ValidateAssignmentHandler

    class SummaryValidateHandler(ValidateAssignmentHandler):
        """nbgrader's Validate handler, with `SummaryValidator`."""

        def validate_notebook(self, path):
            target = self.checked_path(path)
            try:
                result = SummaryValidator(config=self.load_config()).validate(target)
            except (SchemaTooOldError, SchemaTooNewError):
                return super().validate_notebook(path)  # nbgrader's own words for these
            except Exception:
                self.log.error(traceback.format_exc())
                return {"success": False, "value": traceback.format_exc()}
            return {"success": True, "value": result}

        def checked_path(self, path: str) -> str:
            from pathlib import Path

            from tornado import web

            root = Path(self.root_dir).resolve()
            target = (root / path).resolve()
            if not target.is_relative_to(root):
                raise web.HTTPError(403, "Access denied: path outside allowed directory")
            return str(target)

    return SummaryValidateHandler


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "mlmath.validate"}]


def _load_jupyter_server_extension(serverapp) -> None:
    from jupyter_server.utils import url_path_join

    webapp = serverapp.web_app
    webapp.settings.setdefault("root_dir", serverapp.root_dir)
    webapp.add_handlers(".*$", [(url_path_join(webapp.settings["base_url"], "assignments/validate"),
                                 _handler_class())])
    serverapp.log.info("mlmath: Validate answers with a summary first (mlmath.validate)")

