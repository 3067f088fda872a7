"""Leak-free feedback from nbgrader's own `generate_feedback` and the Formgrader's "Generate Feedback" button.

Stock nbgrader renders the whole graded notebook, hidden tests and tracebacks included (its issues #917 and
#1363). `course_config.py` puts `SafeFeedback` into nbgrader's GenerateFeedback, so that every way of making
feedback is the safe one:

- nbgrader's page (`<notebook>.html`) shows each test cell as the student's release shows it (the hidden
  region removed) and a failed test by the message `mlmath feedback` would show, never a traceback;
- mlmath's own page (`feedback.html`, what `mlmath feedback` writes) is written beside it, so that a stock
  run does not leave a student without it.
"""

from __future__ import annotations

from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat import NotebookNode
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor

from mlmath import notebooks
from mlmath.course import Course
from mlmath.reporting import results


def safe_outputs(cell: NotebookNode, read_only: results.ReadOnlyCells) -> list[NotebookNode]:
    """A test cell's outputs as feedback may show them: its error as one line, and printed text only when the
    trusted test kernel wrote it."""
    hidden = results.HIDDEN_MARK in cell.source
    trusted = notebooks.verdict_by(cell) == notebooks.TEST_KERNEL
    kept = [o for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stdout"
            and (trusted or not hidden)]
    message = results.error_message(cell)
    if message:
        if hidden:
            message = results.hidden_test_message(cell, message, read_only)
        ename, _, evalue = message.partition(":")
        kept.append(NotebookNode(output_type="error", ename=ename.strip(), evalue=evalue.strip(), traceback=[message]))
    return kept


class SafeFeedback(NbGraderPreprocessor):
    """Removes hidden tests and tracebacks from the notebook nbgrader renders, and adds mlmath's page."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        from mlmath.formgrader.view import for_graders

        nb.cells = [cell for cell in nb.cells if not for_graders(cell)]  # a rubric never reaches a student
        read_only = results.ReadOnlyCells.of(nb)
        clear = ClearHiddenTests(config=self.config)
        for cell in nb.cells:
            if notebooks.is_autograded_test(cell):
                cell.outputs = safe_outputs(cell, read_only)
                clear._remove_hidden_test_region(cell)
        page = self.mlmath_page(resources)
        if page is not None:
            resources.setdefault("outputs", {})["feedback.html"] = page.encode()
        return nb, resources

    def mlmath_page(self, resources: ResourcesDict) -> str | None:
        """mlmath's feedback page of this submission (None when it was not graded, or has no gradebook entry)."""
        from mlmath.reporting.feedback import render

        info = resources.get("nbgrader", {})
        course = Course(Path(CourseDirectory(config=self.config).root).resolve())
        try:
            subs = [s for s in results.submissions(course, info["assignment"]) if s.student == info["student"]]
        except (results.ReportError, KeyError):
            return None
        return render(subs[0]) if subs and subs[0].graded else None
