"""nbgrader's OverwriteCells, which also puts back the read-only cells a student deleted.

nbgrader restores the source of every test and read-only cell it finds and, with `add_missing_cells`,
adds back deleted *test* cells; a deleted read-only cell that is not a test (the setup cell's imports,
the check helpers) stays deleted, and an answer could then define lenient helpers of its own. Here every
read-only cell of the source comes back, in its place: after the cell that precedes it in the source.
"""

from __future__ import annotations

from nbformat import NotebookNode
from nbgrader.preprocessors import OverwriteCells


class RestoreCells(OverwriteCells):
    """OverwriteCells + every missing read-only cell put back from the gradebook."""

    def preprocess(self, nb, resources):
        nb, resources = super().preprocess(nb, resources)
        with self.gradebook:
            source_cells = list(self.gradebook.find_notebook(self.notebook_id, self.assignment_id).source_cells)
        present = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in nb.cells}
        for position, source_cell in enumerate(source_cells):
            if not source_cell.locked or source_cell.name in present:
                continue
            self.log.warning("Read-only cell %s was missing: putting it back", source_cell.name)
            before = next((present[c.name] for c in reversed(source_cells[:position]) if c.name in present), None)
            index = 0 if before is None else next(i for i, c in enumerate(nb.cells) if c is before) + 1
            cell = restored_cell(source_cell)
            nb.cells.insert(index, cell)
            present[source_cell.name] = cell
        return nb, resources


def restored_cell(source_cell) -> NotebookNode:
    cell = NotebookNode(
        cell_type=source_cell.cell_type,
        source=source_cell.source,
        metadata=NotebookNode(
            editable=False, deletable=False,
            nbgrader=NotebookNode(grade=False, solution=False, locked=True, grade_id=source_cell.name,
                                  checksum=source_cell.checksum, schema_version=3),
        ),
    )
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    return cell
