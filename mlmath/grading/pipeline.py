"""The course's grading pipeline inside nbgrader: which preprocessors autograde and feedback run.

One definition for every path: `course_config.py` applies it, so plain `nbgrader autograde`,
`nbgrader generate_feedback` and the Formgrader's buttons grade exactly as `mlmath grade` does (whose workers
apply it too, in case a course's config does not). These are nbgrader's own lists with three preprocessors
replaced and two added:

- RecoverCells first among the sanitize steps (a notebook that lost its nbgrader metadata is rebuilt from the
  release, `mlmath.grading.recovery`);
- OverwriteCells -> mlmath's RestoreCells (deleted read-only cells are put back too);
- Execute -> mlmath's TrustedExecute (the answers in a sandboxed kernel under the course's limits, the tests in
  the trusted test kernel);
- CheckCellMetadata -> mlmath's, the same checks with the schema compiled once (0.35-0.4 CPU-s a notebook);
- GenerateFeedback gets SafeFeedback (no hidden test or traceback on the page; mlmath's page beside it).

and mlmath's cell metadata (the stops of mlmath.outcomes, which test kernel wrote a verdict) is kept through
nbconvert's ClearMetadataPreprocessor, which runs right after Execute: it is off in stock nbgrader, and a
course that turns it on keeps mlmath's metadata next to what it asks to keep.

`stock(config)` restores nbgrader's defaults, for the benchmark and the tests that compare with stock nbgrader.
"""

from __future__ import annotations

from traitlets.config import Config, LazyConfigValue

from mlmath.outcomes import METADATA_KEY

#: nbgrader's metadata check with its schema compiled once (`mlmath.grading.check_metadata`), in both lists.
CHECK_METADATA = "mlmath.grading.check_metadata.CheckCellMetadata"

SANITIZE = [
    "mlmath.grading.recover_cells.RecoverCells",  # first: a notebook that lost its metadata, rebuilt
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "mlmath.sandbox.restore_cells.RestoreCells",
    CHECK_METADATA,
]
AUTOGRADE = [
    "mlmath.trusted.execute.TrustedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    CHECK_METADATA,
]
FEEDBACK = [
    "nbgrader.preprocessors.GetGrades",
    "mlmath.reporting.safe_feedback.SafeFeedback",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]


def apply(config: Config) -> None:
    """Make nbgrader grade and give feedback the course's safe way."""
    config.Autograde.sanitize_preprocessors = list(SANITIZE)
    config.Autograde.autograde_preprocessors = list(AUTOGRADE)
    config.GenerateFeedback.preprocessors = list(FEEDBACK)
    keep_mlmath_metadata(config)


def replay(config: Config, folder: str) -> None:
    """Record notebooks graded elsewhere (a Dask worker, `mlmath.grading.cluster`): Execute is replaced by
    ReplayExecute, which takes each notebook's executed cells from `folder`; every other step is as above, so
    the grades are saved and the late penalties applied here exactly as after a local execution."""
    config.Autograde.autograde_preprocessors = [
        REPLAY if name == "mlmath.trusted.execute.TrustedExecute" else name for name in AUTOGRADE]
    config.ReplayExecute.folder = folder


#: What takes the place of Execute when a notebook was graded on a Dask worker.
REPLAY = "mlmath.grading.replay.ReplayExecute"


def keep_mlmath_metadata(config: Config) -> None:
    """Add mlmath's cell metadata to what ClearMetadataPreprocessor keeps, next to what the course asked for."""
    section = config.ClearMetadataPreprocessor
    mask = section.get("preserve_cell_metadata_mask", set())
    if isinstance(mask, LazyConfigValue):  # c.ClearMetadataPreprocessor.preserve_cell_metadata_mask.add(...)
        mask = mask.get_value(set())
    section.preserve_cell_metadata_mask = set(mask) | {METADATA_KEY}


def stock(config: Config) -> None:
    """nbgrader's own defaults (students' code and the tests in one unsandboxed kernel, feedback with hidden
    tests): only for comparisons with stock nbgrader, set up on purpose."""
    from nbgrader.converters import Autograde, GenerateFeedback

    for cls, name in ((Autograde, "sanitize_preprocessors"), (Autograde, "autograde_preprocessors"),
                      (GenerateFeedback, "preprocessors")):
        setattr(config[cls.__name__], name, list(cls.class_traits()[name].default()))


#: A line that, appended to a scratch course's course_config.py, makes it grade as stock nbgrader does.
STOCK_LINE = "\nfrom mlmath.grading import pipeline as _pipeline\n_pipeline.stock(c)\n"
