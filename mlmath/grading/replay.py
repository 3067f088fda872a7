"""ReplayExecute: Execute's place in nbgrader's autograde steps when the notebook was executed on a Dask worker
(`mlmath.grading.cluster`). It takes the executed notebook the worker sent back, after checking that it is the
same notebook, cell for cell, as the one sanitized here; the steps after it (IgnorePattern, ClearMetadata,
LimitOutput, SaveAutoGrades, AssignLatePenalties) then save the grades here, as after a local execution.
They gave the worker's notebook its final form already and change nothing in it a second time."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from mlmath import notebooks


class ReplayMismatch(ValueError):
    """The notebook sent back is not the one this submission's sanitized notebook would have become."""


def staged(folder: str | Path, student: str, assignment: str, notebook: str) -> Path:
    """Where the executed notebook of one student's notebook waits to be recorded."""
    return Path(folder) / student / assignment / f"{notebook}.ipynb"


class ReplayExecute(NbGraderPreprocessor):
    """The executed notebook from `folder/<student>/<assignment>/<notebook>.ipynb`, in place of an execution."""

    folder = Unicode("", help="Where the notebooks executed on the cluster wait to be recorded.").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        path = staged(self.folder, info["student"], info["assignment"], info["notebook"])
        executed = nbformat.read(str(path), as_version=4)
        here = [(c.cell_type, notebooks.grade_id(c)) for c in nb.cells]
        there = [(c.cell_type, notebooks.grade_id(c)) for c in executed.cells]
        if here != there:
            raise ReplayMismatch(f"the notebook graded on the cluster does not match {info['notebook']}.ipynb as "
                                 "sanitized here (was the course changed during the run?)")
        return executed, resources
