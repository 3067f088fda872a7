"""The sanitize step that rebuilds a notebook whose nbgrader metadata was lost (`mlmath.grading.recovery`).

It runs first among nbgrader's sanitize preprocessors, on the notebook nbgrader read from submitted/: the
student's file stays as it is, and the rebuilt notebook is what nbgrader clears, restores (test and read-only
cells from the gradebook), writes to autograded/ and grades. A notebook that has metadata passes unchanged.
"""

from __future__ import annotations

from pathlib import Path

from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor

from mlmath import notebooks
from mlmath.grading import recovery


class RecoverCells(NbGraderPreprocessor):
    """Rebuild a notebook without nbgrader metadata from the release (see `mlmath.grading.recovery`)."""

    def preprocess(self, nb, resources):
        if not recovery.lost_metadata(nb):
            return nb, resources
        info = resources["nbgrader"]
        coursedir = CourseDirectory(config=self.config)
        release = Path(coursedir.format_path(coursedir.release_directory, ".", info["assignment"]),
                       f"{info['notebook']}.ipynb")
        rebuilt = recovery.rebuild(nb, notebooks.read(release))
        for note in rebuilt.notes(f"{info['notebook']}.ipynb"):
            self.log.warning("%s", note)
        return rebuilt.notebook, resources
