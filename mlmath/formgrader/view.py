"""`GradersView`: the graded notebook as the Formgrader's grading page shows it to the teaching team."""

from __future__ import annotations

from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode, v4
from nbgrader.coursedir import CourseDirectory

from mlmath import notebooks

#: Cell metadata of a cell that only graders may see (`mlmath.reporting.safe_feedback` drops such cells).
FOR_GRADERS = "for_graders"
LABEL = "For graders only: model answer and rubric"


def for_graders(cell: NotebookNode) -> bool:
    """Whether a cell was added for graders (a rubric) and must never reach a student."""
    return bool(cell.get("metadata", {}).get("mlmath", {}).get(FOR_GRADERS))


def rubric_cell(source_cell: NotebookNode) -> NotebookNode:
    """A markdown cell with the source's model answer and rubric, marked (metadata and a visible label)."""
    cell = v4.new_markdown_cell(
        f'<div class="mlmath-for-graders">\n<div class="mlmath-label">{LABEL}</div>\n\n'
        f"{source_cell.source}\n\n</div>")
    cell.metadata["mlmath"] = {FOR_GRADERS: True}
    return cell


def is_lesson(cell: NotebookNode, lesson_sources: set[str]) -> bool:
    """A lesson cell of the course (text, examples, the setup and check helpers), not a student's own cell."""
    meta = notebooks.nbgrader_meta(cell)
    if meta.get("grade") or meta.get("solution") or meta.get("task"):
        return False
    if meta.get("locked"):
        return cell.cell_type == "code"  # setup and helpers; the exercise prompts (markdown) stay
    return cell.source.strip() in lesson_sources


def lesson_note(count: int) -> NotebookNode:
    cell = v4.new_markdown_cell(
        f'<p class="mlmath-hidden-lesson">{count} lesson cell{"s" if count != 1 else ""} hidden here '
        "(open the notebook to read them).</p>")
    cell.metadata["mlmath"] = {"hidden_lesson": count}
    return cell


def jump_cell(nb: NotebookNode) -> NotebookNode | None:
    """Links to the written answers (the Formgrader gives each answer's score box the answer's grade_id as id)."""
    ids = [notebooks.grade_id(c) for c in nb.cells if notebooks.is_manual(c)]
    if not ids:
        return None
    links = ", ".join(f'<a href="#{gid}">{gid}</a>' for gid in ids)
    cell = v4.new_markdown_cell(f'<p class="mlmath-jump">Written answers to grade: {links}</p>')
    cell.metadata["mlmath"] = {"jump": True}
    return cell


def graders_cells(nb: NotebookNode, source: NotebookNode) -> list[NotebookNode]:
    """The cells of the grading page: links to the written answers first, lesson runs replaced by a one-line
    note, each written answer followed by its rubric from `source`."""
    rubrics = {notebooks.grade_id(c): c for c in source.cells if notebooks.is_manual(c)}
    lessons = {c.source.strip() for c in source.cells if not notebooks.nbgrader_meta(c).get("grade_id")}
    jump = jump_cell(nb)
    cells: list[NotebookNode] = [jump] if jump is not None else []
    hidden = 0
    for cell in nb.cells:
        if is_lesson(cell, lessons):
            hidden += 1
            continue
        if hidden:
            cells.append(lesson_note(hidden))
            hidden = 0
        cells.append(cell)
        if notebooks.is_manual(cell) and notebooks.grade_id(cell) in rubrics:
            cells.append(rubric_cell(rubrics[notebooks.grade_id(cell)]))
    if hidden:
        cells.append(lesson_note(hidden))
    return cells


def without_hidden_tests(nb: NotebookNode, config) -> None:
    """Each test cell as a student's feedback shows it: the hidden region removed, an error as its message."""
    from nbgrader.preprocessors import ClearHiddenTests

    from mlmath.reporting import results
    from mlmath.reporting.safe_feedback import safe_outputs

    read_only = results.ReadOnlyCells.of(nb)
    clear = ClearHiddenTests(config=config)
    for cell in nb.cells:
        if notebooks.is_autograded_test(cell):
            cell.outputs = safe_outputs(cell, read_only)
            clear._remove_hidden_test_region(cell)


class GradersView(Preprocessor):
    """On the Formgrader's grading page only: each written answer followed by its rubric, lessons hidden, the test
    cells as the feedback shows them (no hidden test, no traceback: the page is for grading the written answers).

    Configured for every `HTMLExporter` of the course (nbgrader gives the Formgrader no exporter of its own), it
    leaves every other page alone: it acts only when nbconvert renders a page for the Formgrader (its resources
    name a `submission_id` and are not a feedback run's)."""

    def preprocess(self, nb: NotebookNode, resources: dict):
        if "submission_id" not in resources or "nbgrader" in resources:
            return nb, resources
        without_hidden_tests(nb, self.config)
        source = self.source_notebook(resources)
        if source is not None:
            nb.cells = graders_cells(nb, notebooks.read(source))
        return nb, resources

    def source_notebook(self, resources: dict) -> Path | None:
        root = Path(CourseDirectory(config=self.config).root)
        path = root / "source" / str(resources.get("assignment_id")) / f"{resources.get('notebook_id')}.ipynb"
        return path if path.is_file() else None
