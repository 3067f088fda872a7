"""The students' Validate, answering with a short summary first: in JupyterLab (the button) and on the command line.

nbgrader's Validate (its JupyterLab button, `POST /assignments/validate`, and `nbgrader validate`) runs the
notebook in the student's own Jupyter and lists every failing test cell with its full traceback: a dialog of
thousands of characters with no word on what passed. `SummaryValidator` is nbgrader's `Validator` with its
answer reshaped, one implementation for both places:

1. a summary: each exercise (graded function) passes its visible tests, fails (with the first line of the first
   failing check's message), or is not attempted (still the stub); and whether each written answer is filled in;
2. for each failing exercise, what its first failing test checks (the test's docstring) and that check's whole
   message (no traceback).

A notebook whose test cells were changed, or whose cell types were, keeps nbgrader's own answer, and so does
`--invert`. Nothing here needs the gradebook or a sandbox: in a student's notebook the hidden tests are not there
to run. nbgrader's options (`c.Validator.ignore_checksums`, `c.Execute.timeout`, ...) apply to it as they do to
nbgrader's Validator, from the course's `nbgrader_config.py` or the student's Jupyter config.

- **The button.** nbgrader's JupyterLab extension shows each entry of the answer's `failed` list as "The
  following cell failed:", the cell's source, and the entry's `error` as HTML (nbgrader puts its coloured
  traceback there). The summary is one entry whose `error` is the whole answer as HTML, with a style scoped to
  the dialog (`#validation-message`) that hides the generic line and the empty source above it: the dialog
  reads the summary first. (A browser without CSS `:has()` shows the generic line above the summary, as before.)
  The button reaches `SummaryValidator` through a Jupyter server extension (this module): its handler for
  `/assignments/validate` is registered before nbgrader's (extensions load in the order of their names), and
  is nbgrader's handler with `SummaryValidator` in place of `Validator`. `make setup` enables it in `.venv`
  (`.venv/etc/jupyter/jupyter_server_config.d/mlmath.json`, as nbgrader's own `nbgrader.json` beside it).
- **The command line.** `mlmath validate NOTEBOOK...` is nbgrader's `validate` command (`ValidateApp`: the same
  configuration files, globs and `--invert`) with `SummaryValidator`; it prints the same summary as text.
  (`nbgrader validate` itself has no setting for its validator class and keeps printing nbgrader's list.)
"""

from __future__ import annotations

import ast
import glob
import html
import traceback
from dataclasses import dataclass

from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import Execute
from nbgrader.validator import Validator
from traitlets import List

from mlmath import notebooks
from mlmath.reporting.results import strip_ansi
from mlmath.sandbox.widgets import NoWidgetFrontend

STUB = "NotImplementedError"
TEXT_STUB = "YOUR ANSWER HERE"
HIDDEN_NOTE = "the hidden tests run when your notebook is graded"
#: The dialog's style: the summary entry's generic "The following cell failed:" line and its empty source are
#: hidden; nothing outside the Validate dialog is touched.
DIALOG_STYLE = """
#validation-message:has(.mlmath-validate) > :not(:has(.mlmath-validate)) { display: none; }
#validation-message pre:has(> .mlmath-validate) { border: none; padding: 0; margin: 0; background: none; }
.mlmath-validate { white-space: normal; font-family: var(--jp-ui-font-family); font-size: var(--jp-ui-font-size1);
  line-height: 1.5; color: var(--jp-ui-font-color1); }
.mlmath-validate ul { list-style: none; padding: 0; margin: 0.4em 0 0.8em; }
.mlmath-validate li .mark { display: inline-block; width: 1.4em; font-weight: bold; }
.mlmath-validate .passes .mark, .mlmath-validate .answered .mark { color: var(--jp-success-color1); }
.mlmath-validate .fails .mark, .mlmath-validate .not-answered .mark { color: var(--jp-error-color1); }
.mlmath-validate .not-attempted .mark { color: var(--jp-warn-color1); }
.mlmath-validate h3 { font-size: var(--jp-ui-font-size2); margin: 0.8em 0 0.2em; }
.mlmath-validate pre { white-space: pre-wrap; font-family: var(--jp-code-font-family); margin: 0.2em 0 0.6em;
  padding: 0.4em 0.6em; background: var(--jp-layout-color2); border: none; }
"""
MARKS = {"passes": "✔", "answered": "✔", "fails": "✘", "not answered": "✘", "not attempted": "…"}


@dataclass(frozen=True)
class ExerciseCheck:
    """One exercise as Validate found it."""

    name: str
    status: str  # "passes" | "fails" | "not attempted" | "answered" | "not answered"
    message: str = ""  # the first line of the first failing check's message
    detail: str = ""  # that message whole, its lines kept (`yours:`, `expected:`, `Hint:`)
    checks_what: str = ""  # the first sentence of the failing test cell's docstring: what it checks

    @property
    def ok(self) -> bool:
        return self.status in ("passes", "answered")

    @property
    def written(self) -> bool:
        return self.status in ("answered", "not answered")


def error_of(cell: NotebookNode) -> str:
    """`ename: evalue` of a cell's first error output, its lines kept, ANSI codes removed ("" if none)."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            ename = strip_ansi(str(output.get("ename", ""))).strip()
            evalue = "\n".join(line.rstrip() for line in strip_ansi(str(output.get("evalue", ""))).strip().splitlines())
            return f"{ename}: {evalue}" if evalue else ename
    return ""


def first_error(cell: NotebookNode) -> str:
    """The first line of `error_of(cell)`."""
    return error_of(cell).split("\n", 1)[0]


def docstring_line(cell: NotebookNode) -> str:
    """The first sentence of a test cell's docstring, on one line: what it checks ("" if it has none)."""
    try:
        doc = " ".join((ast.get_docstring(ast.parse(cell.source)) or "").split())
    except SyntaxError:
        return ""
    return doc.split(". ", 1)[0].rstrip(".")


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
        detail = error_of(failing[0]) or "the test did not earn its points"
        stub = all(STUB in first_error(c) for c in failing) and len(failing) == len(tests)
        checks.append(ExerciseCheck(function, "not attempted" if stub else "fails", detail.split("\n", 1)[0],
                                    detail, docstring_line(failing[0])))
    for cell in nb.cells:
        if notebooks.is_manual(cell):
            status = "answered" if written_filled(cell) else "not answered"
            checks.append(ExerciseCheck(f"written answer ({notebooks.grade_id(cell)})", status))
    return checks


# --- the answer, as text (the command line) and as HTML (the button's dialog) ------------------------------


def headline(checks: list[ExerciseCheck]) -> str:
    passing = sum(c.status == "passes" for c in checks)
    exercises = sum(not c.written for c in checks)
    return f"{passing} of {exercises} exercises pass their visible tests"


def status_text(check: ExerciseCheck) -> str:
    if check.status == "passes":
        return "passes its visible tests"
    if check.status == "answered":
        return "filled in"
    if check.status == "not answered":
        return "not filled in yet"
    if check.status == "not attempted":
        return "not attempted yet (still raises NotImplementedError)"
    return f"fails: {check.message}"


def summary_lines(checks: list[ExerciseCheck]) -> list[str]:
    """The summary as plain lines: the headline, then one line per exercise and written answer."""
    return [f"{headline(checks)} ({HIDDEN_NOTE}).",
            *(f"{MARKS[c.status]} {c.name}: {status_text(c)}" for c in checks)]


def failing_details(checks: list[ExerciseCheck]) -> list[tuple[str, str]]:
    """For each failing exercise, (heading, its first failing check's whole message)."""
    return [(f"{c.name}, first failing check" + (f" ({c.checks_what})" if c.checks_what else ""), c.detail)
            for c in checks if c.status == "fails"]


def as_text(checks: list[ExerciseCheck]) -> str:
    """The whole answer as text: the summary, then each failing exercise's first failing check."""
    first, *rest = summary_lines(checks)
    lines = [first, *(f"  {line}" for line in rest)]
    for heading, detail in failing_details(checks):
        lines += ["", f"{heading}:", *(f"    {line}" for line in detail.splitlines())]
    return "\n".join(lines) + "\n"


def as_html(checks: list[ExerciseCheck]) -> str:
    """The whole answer as HTML for nbgrader's dialog (one line: the dialog puts it inside a <pre>)."""
    items = "".join(
        f'<li class="{c.status.replace(" ", "-")}"><span class="mark">{MARKS[c.status]}</span> '
        f"<code>{html.escape(c.name)}</code>: {html.escape(status_text(c))}</li>" for c in checks)
    details = "".join(f"<h3>{html.escape(heading)}</h3><pre>{html.escape(detail)}</pre>"
                      for heading, detail in failing_details(checks))
    style = " ".join(DIALOG_STYLE.split())
    return (f"<style>{style}</style><div class=\"mlmath-validate\"><p><strong>{headline(checks)}.</strong> "
            f"{HIDDEN_NOTE.capitalize()}.</p><ul>{items}</ul>{details}</div>")


def summarised(results: dict, checks: list[ExerciseCheck]) -> dict:
    """nbgrader's results reshaped: one entry, the summary first, then each failing exercise (no traceback)."""
    if "type_changed" in results or "changed" in results or "passed" in results:
        return results
    if all(c.ok for c in checks):
        return {}  # nbgrader's "Success! Your notebook passes all the tests."
    return {"failed": [{"source": "", "error": as_html(checks), "raw_error": as_text(checks)}]}


class ValidateExecute(NoWidgetFrontend, Execute):
    """nbgrader's Execute (its `c.Execute` options apply) with the lesson's widgets run without a front end, so
    that a cell with `interact` cannot keep the Validate button waiting until the time limit per cell."""


class SummaryValidator(Validator):
    """nbgrader's Validator, answering with a summary first (see the module's docstring)."""

    preprocessors = List([ValidateExecute if step is Execute else step
                          for step in Validator.class_traits()["preprocessors"].default()])

    _executed: NotebookNode | None = None
    _reuse: dict | None = None
    summary: str | None = None  # the last notebook's summary as text (None: nbgrader's own answer)

    def _preprocess(self, nb: NotebookNode) -> NotebookNode:
        nb = super()._preprocess(nb)
        self._executed = nb
        return nb

    def validate(self, filename: str) -> dict:
        if self._reuse is not None:
            return self._reuse
        self._executed, self.summary = None, None
        results = super().validate(filename)
        if self._executed is None or self.invert:  # cell types changed (nothing ran), or --invert
            return results
        answer = summarised(results, check_exercises(self._executed, self.log))
        if answer is not results and answer:
            self.summary = answer["failed"][0]["raw_error"]
        return answer

    def validate_and_print(self, filename: str) -> None:
        """`nbgrader validate`'s output: the summary as text, or nbgrader's own when it keeps its answer."""
        results = self.validate(filename)
        if self.summary is not None:
            self.stream.write(f"{filename}: {self.summary}")
            return
        self._reuse = results
        try:
            super().validate_and_print(filename)
        finally:
            self._reuse = None


# --- the command line: `mlmath validate` -------------------------------------------------------------------


def _app_class():
    from nbgrader.apps.validateapp import ValidateApp
    from nbgrader.nbgraderformat import SchemaTooNewError, SchemaTooOldError

    class SummaryValidateApp(ValidateApp):
        """nbgrader's `validate` command with `SummaryValidator`."""

        name = "mlmath-validate"

        def start(self) -> None:
            if not self.extra_args:
                self.fail("Must provide path to notebook:\nmlmath validate NOTEBOOK")
            filenames = [name for pattern in self.extra_args for name in sorted(glob.glob(pattern))]
            if not filenames:
                self.fail(f"No notebook matches {' '.join(self.extra_args)}")
            validator = SummaryValidator(parent=self)
            for filename in filenames:
                try:
                    validator.validate_and_print(filename)
                except (SchemaTooOldError, SchemaTooNewError):
                    self.log.error(traceback.format_exc())
                    self.fail(f"The notebook '{filename}' uses another version of the nbgrader metadata format "
                              "than this nbgrader: ask the course staff for a fresh copy.")

    return SummaryValidateApp


def run_cli(argv: list[str]) -> int:
    """`mlmath validate ARGS...`: nbgrader's validate command line with the summary; its exit status."""
    app = _app_class()()
    try:
        app.initialize(argv)
        app.start()
    except SystemExit as stop:
        return int(stop.code or 0)
    return 0


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

