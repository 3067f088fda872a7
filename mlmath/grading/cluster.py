"""Grading on a Dask cluster (`mlmath grade ASSIGNMENT --cluster ADDRESS`, or `c.MlmathGrade.cluster`).

No shared filesystem: each task carries what it needs, the course's part for this assignment (its config,
`source/` and `release/` of the assignment, and the assignment's read-only rows of the gradebook, as a small
SQLite file), sent once per run, and the submission's files. A Dask worker grades it exactly as a local worker
does (`mlmath.grading.worker`: the student's kernel in its own bubblewrap sandbox, the tests in its own trusted
test kernel), in a private copy of the course in its temporary folder, and sends back the executed notebook and
the outcome. `mlmath grade` on this machine stays the one writer of `autograded/`, the gradebook and the
grading records: one local process records each returned notebook through nbgrader's own autograde steps, with
the execution replaced by the returned notebook (`mlmath.grading.replay`), so the grades are saved, the late
penalties applied and the graded notebook written here exactly as after a local grading.

Faults: a worker that dies mid-grading has its tasks run again on another worker by the scheduler (Dask's
`allowed-failures`); each submission's result is recorded once, when it arrives. A scheduler that goes away
stops the run (ClusterLost) with what finished saved; the next run grades the rest.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import shutil
import socket
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from mlmath import config
from mlmath.course import CONFIG_FILES, GRADEBOOK_FILE, Course
from mlmath.grading import batch, records, worker
from mlmath.outcomes import Status
from mlmath.sandbox import bubblewrap

#: What a course copy leaves out (as `Course.scratch_copy` does).
IGNORED = {".ipynb_checkpoints", "__pycache__"}


class ClusterUnavailable(RuntimeError):
    """The scheduler could not be reached at the start of the run."""


class ClusterLost(Exception):
    """The scheduler went away during the run; `summary` holds what finished and what did not."""

    def __init__(self, reason: str, summary: batch.Summary):
        super().__init__(reason)
        self.summary = summary


class SandboxUnavailable(RuntimeError):
    """A worker cannot make the sandbox (bubblewrap missing or not allowed there): it grades nothing."""


@dataclass(frozen=True)
class CourseParts:
    """What every task of a run needs of the course, the same for all of them."""

    key: str  # a hash of all of it: a worker keeps one prepared copy of the course per key
    files: dict[str, bytes]  # path relative to the course root -> contents: config, source/A/, release/A/
    gradebook: bytes  # a SQLite gradebook holding only the assignment's read-only rows


@dataclass(frozen=True)
class Remote:
    """What a worker sends back for one submission."""

    outcome: worker.Outcome
    notebooks: dict[str, str]  # file name -> the executed notebook (JSON), as the worker's nbgrader wrote it
    host: str


# --- on this machine: what a task carries -----------------------------------------------------------------------


def _files_under(folder: Path, root: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and not IGNORED & set(path.relative_to(root).parts):
            found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def course_parts(course: Course, assignment: str) -> CourseParts:
    files = {name: (course.root / name).read_bytes() for name in CONFIG_FILES}
    for top in (course.source, course.release):
        files.update(_files_under(top / assignment, course.root))
    gradebook = gradebook_rows(course, assignment)
    digest = hashlib.sha256(gradebook)
    for name, data in sorted(files.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return CourseParts(digest.hexdigest(), files, gradebook)


def gradebook_rows(course: Course, assignment: str) -> bytes:
    """A new SQLite gradebook (nbgrader's tables) holding the assignment's read-only rows from the course's
    gradebook: the course, the assignment and its due date, its notebooks and their cells. No student, no
    submission, no grade."""
    from nbgrader.api import Base
    from sqlalchemy import create_engine, select, text

    tables = Base.metadata.tables
    with tempfile.TemporaryDirectory(prefix="mlmath-rows-") as tmp:
        path = Path(tmp) / GRADEBOOK_FILE
        source, target = create_engine(course.gradebook_url), create_engine(f"sqlite:///{path}")
        try:
            with source.connect() as db:
                def rows(name, where=None):
                    query = select(tables[name]) if where is None else select(tables[name]).where(where)
                    return [dict(row) for row in db.execute(query).mappings()]

                found = {"course": rows("course"),
                         "assignment": rows("assignment", tables["assignment"].c.name == assignment)}
                found["notebook"] = rows("notebook", tables["notebook"].c.assignment_id.in_(
                    [a["id"] for a in found["assignment"]]))
                notebooks = [n["id"] for n in found["notebook"]]
                found["base_cell"] = rows("base_cell", tables["base_cell"].c.notebook_id.in_(notebooks))
                cells = [c["id"] for c in found["base_cell"]]
                for name in ("grade_cells", "solution_cells", "task_cells"):
                    found[name] = rows(name, tables[name].c.id.in_(cells))
                found["source_cell"] = rows("source_cell", tables["source_cell"].c.notebook_id.in_(notebooks))
                version = db.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            Base.metadata.create_all(target)  # nbgrader's tables, and its schema version as nbgrader records it
            with target.begin() as db:
                db.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
                db.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": version})
                for table in Base.metadata.sorted_tables:
                    if found.get(table.name):
                        db.execute(table.insert(), found[table.name])
        finally:
            source.dispose()
            target.dispose()
        return path.read_bytes()


def submission_files(course: Course, assignment: str, student: str) -> dict[str, bytes]:
    """The files of one submission folder (checked first by `worker.check_submission`), by relative path."""
    folder = course.submitted / student / assignment
    return {name: data for name, data in _files_under(folder, folder).items()}


# --- on a Dask worker -----------------------------------------------------------------------------------------

_lock = threading.Lock()  # one grading at a time per worker process, whatever its number of threads
_prepared: tuple[str, bool] | None = None  # the course copy this process's nbgrader API is configured for


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise ValueError(f"a task's file name leaves its folder: {name!r}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _prepare(parts: CourseParts) -> Path:
    """This worker process's private copy of the course: the parts, and a config that uses its own gradebook."""
    root = Path(tempfile.gettempdir()) / "mlmath-cluster" / f"{os.getpid()}-{parts.key[:20]}"
    if not (root / GRADEBOOK_FILE).is_file():
        shutil.rmtree(root, ignore_errors=True)
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        _write(root, parts.files)
        with open(root / "course_config.py", "a") as course_config:
            course_config.write("\n# --- a Dask worker's copy of the course (mlmath/grading/cluster.py) ---\n"
                                f"c.CourseDirectory.db_url = {f'sqlite:///{root / GRADEBOOK_FILE}'!r}\n")
        (root / GRADEBOOK_FILE).write_bytes(parts.gradebook)
    return root


def grade_on_worker(parts: CourseParts, assignment: str, student: str, files: dict[str, bytes],
                    sandboxed: bool = True) -> Remote:
    """The Dask task: grade one submission in this worker's copy of the course; never raises for a bad
    submission (the outcome says why)."""
    global _prepared
    with _lock:
        root = _prepare(parts)
        if _prepared != (str(root), sandboxed):
            if sandboxed:
                problem = bubblewrap.unavailable(config.settings(Course(root), config.MlmathSandbox).bwrap)
                if problem:
                    raise SandboxUnavailable(f"{socket.gethostname()} cannot sandbox students' code: {problem}")
            worker.configure(str(root), sandboxed)
            _prepared = (str(root), sandboxed)
        course = Course(root)
        shutil.rmtree(course.submitted / student, ignore_errors=True)
        shutil.rmtree(course.autograded / student, ignore_errors=True)
        _write(course.submitted / student / assignment, files)
        outcome = worker.grade(str(root), assignment, student)
        graded = course.autograded / student / assignment
        notebooks = {p.name: p.read_text() for p in sorted(graded.glob("*.ipynb"))}
        shutil.rmtree(course.submitted / student, ignore_errors=True)
        shutil.rmtree(course.autograded / student, ignore_errors=True)
        return Remote(outcome, notebooks, socket.gethostname())


def _same(value):
    return value


# --- on this machine: the run ---------------------------------------------------------------------------------


def run(course: Course, assignment: str, plan: batch.Plan, address: str, on_done=lambda outcome, done, total: None,
        sandboxed: bool = True, timeout: int = 30) -> batch.Summary:
    """Grade the planned submissions on the Dask cluster at `address`, saving each outcome as it arrives.

    Raises ClusterUnavailable (no scheduler at the start), ClusterLost (it went away), batch.Interrupted
    (Ctrl-C); the last two carry what finished, which is saved. `timeout`: seconds to reach the scheduler.
    """
    from distributed import Client, as_completed
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    _logs_to_the_run_log()

    known = plan.known
    summary = batch.Summary(assignment, unchanged=list(plan.unchanged),
                            still_failed=[s for s in plan.unchanged if known[s].status == records.FAILED])
    total = len(plan.to_grade)
    if not total:
        return summary

    def record(outcome: worker.Outcome) -> None:
        summary.outcomes.append(outcome)
        known[outcome.student] = records.GradeRecord(
            outcome.student, assignment, outcome.status, outcome.reason, plan.fingerprints[outcome.student],
            round(outcome.seconds, 2), list(outcome.notes))
        records.save(course, assignment, known)
        on_done(outcome, len(summary.outcomes), total)

    def rest() -> list[str]:
        return sorted(set(plan.to_grade) - {o.student for o in summary.outcomes})

    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}: {error}") from None
    staging = course.autograded / ".mlmath" / "cluster"
    recorder = batch.worker_pool(1, str(course.root), sandboxed, replay=str(staging))
    futures = {}
    try:
        limits = config.settings(course, config.MlmathLimits)
        parts = client.submit(_same, course_parts(course, assignment), pure=False)
        for student in plan.to_grade:
            problem = worker.check_submission(course, assignment, student, limits)
            if problem:
                record(worker.Outcome(student, Status.FAILED, problem, 0.0))
                continue
            future = client.submit(grade_on_worker, parts, assignment, student,
                                   submission_files(course, assignment, student), sandboxed, pure=False,
                                   key=f"mlmath-grade-{assignment}-{student}-{os.urandom(4).hex()}")
            futures[future] = student
        for future in as_completed(futures, loop=client.loop):
            student = futures[future]
            try:
                remote = future.result()
            except KilledWorker as error:
                record(worker.Outcome(student, Status.FAILED, f"every Dask worker that graded it died ({error})", 0.0))
                continue
            except (FutureCancelledError, OSError):
                raise ClusterLost(f"lost the connection to the Dask scheduler at {address}", summary) from None
            except Exception as error:  # the task itself failed: only this submission
                record(worker.Outcome(student, Status.FAILED, f"grading on the cluster failed: "
                                      f"{type(error).__name__}: {error}", 0.0))
                continue
            record(_record_here(recorder, course, assignment, student, remote, staging))
            future.release()
    except KeyboardInterrupt:
        summary.interrupted = rest()
        _close(client, futures, recorder, stop=True)
        raise batch.Interrupted(summary) from None
    except ClusterLost as lost:
        summary.interrupted = rest()
        _close(client, futures, recorder, stop=False)
        raise ClusterLost(str(lost), summary) from None
    _close(client, futures, recorder, stop=False)
    return summary


def _record_here(recorder: ProcessPoolExecutor, course: Course, assignment: str, student: str, remote: Remote,
                 staging: Path) -> worker.Outcome:
    """Record one submission graded on the cluster: its executed notebooks through nbgrader's autograde steps
    here (gradebook, late penalty, autograded/), in the recorder process."""
    from mlmath.grading import replay  # nbgrader's preprocessors: not for every mlmath command (0.6 s to import)

    if remote.outcome.status == Status.FAILED or not remote.notebooks:
        return remote.outcome
    for name, text in remote.notebooks.items():
        path = replay.staged(staging, student, assignment, Path(name).stem)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    started = time.perf_counter()
    try:
        here = recorder.submit(worker.grade, str(course.root), assignment, student).result()
    finally:
        shutil.rmtree(staging / student, ignore_errors=True)
    logging.getLogger(__name__).info("%s: recorded here in %.2f s (graded on %s in %.2f s)", student,
                                     time.perf_counter() - started, remote.host, remote.outcome.seconds)
    return worker.Outcome(student, here.status, here.reason, remote.outcome.seconds, here.notes)


def _logs_to_the_run_log() -> None:
    """Dask's own log lines (connections, a lost scheduler) go to this run's log, not the terminal."""
    for name in ("distributed", "dask"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.propagate = True


def _close(client, futures: dict, recorder: ProcessPoolExecutor, stop: bool) -> None:
    try:
        client.cancel(list(futures))
        client.close(timeout=10)
    except Exception as error:  # the scheduler may be gone already: nothing left to cancel or close
        logging.getLogger(__name__).info("closing the Dask client: %s", error)
    if stop:
        batch._stop_workers(recorder)
    else:
        recorder.shutdown(wait=True)
