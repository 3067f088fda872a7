"""One grading worker: a process that imports nbgrader once and then autogrades submissions one at a time
with nbgrader's own Autograde converter (through nbgrader's Python API, as `nbgrader autograde` would)."""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from mlmath import notebooks, outcomes, runlog, submission_files
from mlmath.config import MlmathLimits
from mlmath.course import Course
from mlmath.grading import recovery
from mlmath.grading.gradebook import wait_for_locks
from mlmath.outcomes import Status

_api = None  # this worker's NbGraderAPI, made once by `start`
_limits = None  # the course's MlmathLimits


@dataclass(frozen=True)
class Outcome:
    student: str
    status: Status
    reason: str
    seconds: float
    notes: tuple[str, ...] = ()  # for a person: what to look at besides the scores


def start(root: str, sandboxed: bool = True, log: str | None = None, replay: str | None = None) -> None:
    """Initialise a worker process: nbgrader's API on the course's configuration (paid once per worker), with
    two of nbgrader's preprocessors replaced by mlmath's: Execute (answers in a sandboxed kernel under limits,
    crashes graded, tests in the trusted test kernel) and OverwriteCells (deleted read-only cells restored too),
    and one added first to the sanitize steps: RecoverCells (a notebook that lost its nbgrader metadata is
    rebuilt from the release); see `mlmath.grading.pipeline`. With `log`, everything the worker and its kernels
    print (nbgrader's log, warnings, kernel banners) goes to that file. With `replay` (a folder), the worker
    records notebooks graded elsewhere instead of running them (`mlmath.grading.cluster`)."""
    if log:
        runlog.redirect_process_output(log)
    # Ctrl-C is the main process's to handle (it stops the workers). A handler that does nothing, not SIG_IGN,
    # which the kernels would inherit. (Before this line a Ctrl-C stops the worker: the run is stopping anyway.)
    signal.signal(signal.SIGINT, _ignore_interrupt)
    configure(root, sandboxed, replay)


def configure(root: str, sandboxed: bool = True, replay: str | None = None) -> None:
    """nbgrader's API for this process on the course at `root` (`start` without the process's signals and log,
    for a Dask worker's task thread); see `start`."""
    global _api, _limits
    os.chdir(root)
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from mlmath import config
    from mlmath.grading import pipeline

    wait_for_locks()
    settings = config.load(Course(Path(root)))
    pipeline.apply(settings)
    settings.TrustedExecute.sandboxed = sandboxed
    if replay:
        pipeline.replay(settings, replay)
    if not config.MlmathSandbox(config=settings).render_figures:
        os.environ["MPLBACKEND"] = "agg"  # for kernels outside the sandbox (which sets its own environment)
    _limits = config.MlmathLimits(config=settings)
    _api = NbGraderAPI(CourseDirectory(config=settings), config=settings)


def _ignore_interrupt(_signum: int, _frame: object) -> None:
    pass


def grade(root: str, assignment: str, student: str) -> Outcome:
    """Autograde one student's submission; never raises for a bad submission (the outcome says why)."""
    started = time.perf_counter()
    course = Course(Path(root))
    problem = check_submission(course, assignment, student, _limits)
    if problem:
        return Outcome(student, Status.FAILED, problem, time.perf_counter() - started)
    result = _api.autograde(assignment, student, force=True, create=True)
    seconds = time.perf_counter() - started
    if not result.get("success"):
        return Outcome(student, Status.FAILED, nbgrader_error(result), seconds)
    stop = outcomes.first_stop(graded_cells(course.autograded_notebook(student, assignment)))
    notes = recovery_notes(course, assignment, student)
    return Outcome(student, outcomes.status_of(stop), outcomes.reason_of(stop), seconds, notes)


def check_submission(course: Course, assignment: str, student: str, limits: MlmathLimits) -> str:
    """Why this submission cannot be graded, in words for a person ("" when it can).

    The folder is looked at before anything in it is read: a symbolic
    link, device, FIFO or socket anywhere in it, or files over the size limits, and the submission is refused
    (nbgrader itself would follow a link when it copies the folder into autograded/).
    """
    path = course.submitted_notebook(student, assignment)
    for folder in (course.submitted / student, path.parent):
        if folder.is_symlink():
            return f"{folder.relative_to(course.submitted)} is a symbolic link: a submission is never followed"
    problem = submission_files.problem(path.parent, submission_files.Caps.of(limits))
    if problem:
        return problem
    if not path.is_file():
        others = sorted(p.name for p in path.parent.glob("*.ipynb"))
        found = f"found {', '.join(others)}" if others else "found no notebook at all"
        return f"no {path.name} in the submission ({found})"
    size = path.stat().st_size
    if size == 0:
        return f"{path.name} is empty"
    try:
        nb = nbformat.read(str(path), as_version=nbformat.NO_CONVERT)
    except Exception as error:  # nbformat raises many kinds for a corrupt file; each is this student's problem
        return f"{path.name} is not a readable notebook: {type(error).__name__}: {str(error)[:200]}"
    if nb.get("nbformat") != 4:
        return f"{path.name} is in nbformat {nb.get('nbformat')}, not 4: it was not saved by a current Jupyter"
    if not nb.cells:
        return f"{path.name} has no cells"
    if recovery.lost_metadata(nb):
        lost = (f"{path.name} lost the metadata that marks its answer and test cells (was it copied into a new "
                "notebook?)")
        release = course.release_notebook(assignment)
        if not release.is_file():
            return f"{lost}, and there is no {release.relative_to(course.root)} to rebuild it from"
        rebuilt = recovery.rebuild(nb, notebooks.read(release))
        if not rebuilt.answered:
            return f"{lost}, and none of its cells matches an answer of the release: {'; '.join(rebuilt.problems[:3])}"
    return ""


def recovery_notes(course: Course, assignment: str, student: str) -> tuple[str, ...]:
    """For a person: how a notebook that lost its metadata was rebuilt, and what could not be matched."""
    path = course.submitted_notebook(student, assignment)
    nb = notebooks.read(path)
    if not recovery.lost_metadata(nb):
        return ()
    return tuple(recovery.rebuild(nb, notebooks.read(course.release_notebook(assignment))).notes(path.name))


def nbgrader_error(result: dict) -> str:
    """The last meaningful line of an nbgrader failure: what a person needs to see first."""
    text = (result.get("error") or "") + "\n" + (result.get("log") or "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "error" in line]
    return (errors or lines or ["nbgrader failed without a message"])[-1][:300]


def graded_cells(path: Path) -> list:
    """The cells of the graded notebook ([] if nbgrader wrote none)."""
    return nbformat.read(str(path), as_version=4).cells if path.is_file() else []
