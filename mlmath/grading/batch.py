"""Grading a class: decide what needs grading, grade it N at a time, and record every outcome.

The gradebook stays nbgrader's record of the scores; `records` keeps, per submission, the outcome and a
fingerprint of what was graded, so that a second run grades only what is new or changed, and a run stopped
half-way (Ctrl-C) loses nothing that finished: the next run grades the rest.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from mlmath import outcomes, runlog, submission_files
from mlmath.course import Course
from mlmath.grading import records, worker


@dataclass
class Plan:
    to_grade: list[str]  # student ids, sorted
    unchanged: list[str]  # graded before from the same files: skipped
    fingerprints: dict[str, str]
    known: dict[str, records.GradeRecord]  # the grading records the plan was made from


@dataclass
class Summary:
    assignment: str
    outcomes: list[worker.Outcome] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    interrupted: list[str] = field(default_factory=list)  # not graded because the run was stopped
    still_failed: list[str] = field(default_factory=list)  # unchanged, and could not be graded last time

    def by_status(self, status: str) -> list[worker.Outcome]:
        return [o for o in self.outcomes if o.status == status]


def students(course: Course, assignment: str) -> list[str]:
    """Every student with a submission folder for the assignment."""
    return sorted(p.parent.name for p in course.submitted.glob(f"*/{assignment}") if p.is_dir())


def _hash_tree(digest, folder: Path) -> None:
    """Names and contents of what `folder` holds, streamed; links and special files are never followed or opened,
    and sizes are checked before anything is read (see `mlmath.submission_files.hash_tree`)."""
    submission_files.hash_tree(digest, folder)


def fingerprint(course: Course, assignment: str, student: str) -> str:
    """A hash of everything a grade depends on: the submission's files, the assignment's source (its tests)
    and the course configuration (limits, penalties)."""
    digest = hashlib.sha256()
    _hash_tree(digest, course.submitted / student / assignment)
    _hash_tree(digest, course.source / assignment)
    for name in ("course_config.py", "nbgrader_config.py"):
        digest.update((course.root / name).read_bytes())
    return digest.hexdigest()


def plan(course: Course, assignment: str, only: list[str] | None, force: bool) -> Plan:
    """Which submissions to grade: all of them with `force`, else those new or changed since last graded."""
    known = records.load(course, assignment)
    chosen = students(course, assignment) if not only else sorted(only)
    fingerprints = {s: fingerprint(course, assignment, s) for s in chosen}
    to_grade, unchanged = [], []
    for student in chosen:
        record = known.get(student)
        same = record is not None and record.fingerprint == fingerprints[student]
        still_there = record is not None and (
            record.status == records.FAILED or course.autograded_notebook(student, assignment).is_file()
        )
        (unchanged if same and still_there and not force else to_grade).append(student)
    return Plan(to_grade, unchanged, fingerprints, known)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run(
    course: Course,
    assignment: str,
    plan: Plan,
    jobs: int,
    on_done: Callable[[worker.Outcome, int, int], None] = lambda outcome, done, total: None,
    sandboxed: bool = True,
) -> Summary:
    """Grade the planned submissions with `jobs` worker processes, saving each outcome as it arrives.

    Ctrl-C stops the workers; what finished is saved, the rest is listed as interrupted (raises Interrupted).
    """
    known = plan.known
    summary = Summary(assignment, unchanged=list(plan.unchanged),
                      still_failed=[s for s in plan.unchanged if known[s].status == records.FAILED])
    total = len(plan.to_grade)
    if not total:
        return summary
    pool = worker_pool(max(1, min(jobs, total)), str(course.root), sandboxed)
    pending: dict[Future, str] = {}
    with _ctrl_c_recorded() as pressed:
        for student in plan.to_grade:
            pending[pool.submit(worker.grade, str(course.root), assignment, student)] = student
        while pending and not pressed.is_set():
            done, _ = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            if pressed.is_set():  # what a Ctrl-C broke (a worker stopped while starting) is not an outcome
                break
            for future in done:
                student = pending.pop(future)
                outcome = _outcome(future, student)
                summary.outcomes.append(outcome)
                known[student] = records.GradeRecord(
                    student, assignment, outcome.status, outcome.reason, plan.fingerprints[student],
                    round(outcome.seconds, 2), list(outcome.notes),
                )
                records.save(course, assignment, known)
                on_done(outcome, len(summary.outcomes), total)
        if pressed.is_set():
            summary.interrupted = sorted(set(plan.to_grade) - {o.student for o in summary.outcomes})
            _stop_workers(pool)
            raise Interrupted(summary)
    pool.shutdown(wait=True)
    return summary


#: How often the run looks for a Ctrl-C while it waits for the workers.
POLL_SECONDS = 0.2


#: What a grading worker imports before it grades (nbgrader's API and mlmath's preprocessors): about 1.5 CPU-s.
#: The fork server imports them once; every worker is forked from it with them loaded.
WORKER_MODULES = ("nbgrader.apps.api", "nbgrader.coursedir", "mlmath.config", "mlmath.grading.pipeline",
                  "mlmath.grading.worker", "mlmath.trusted.execute")


def worker_pool(jobs: int, root: str, sandboxed: bool, replay: str | None = None) -> ProcessPoolExecutor:
    """`jobs` fresh grading workers, each started by `worker.start`, forked from multiprocessing's fork server (a
    clean process of this program's, started at the first worker and kept for later runs in the same process,
    such as the demo's: no gradebook connection or thread of this process is inherited) with WORKER_MODULES
    already imported. The server and its workers write to this run's log from their first instruction: what
    they print before `worker.start` takes over a worker's output (a Ctrl-C's traceback while it starts) is
    noise to a TA too."""
    log = _log_name()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=_ForkServerWritingTo(log),
                               initializer=worker.start, initargs=(root, sandboxed, log, replay))


class _ForkServerWritingTo(multiprocessing.context.ForkServerContext):
    """The fork server start method, with WORKER_MODULES preloaded and the server started (if it is not running
    yet) with its stdout and stderr on the file `log`."""

    def __init__(self, log: str | None):
        super().__init__()
        self.log = log
        self.set_forkserver_preload(list(WORKER_MODULES))

    def Process(self, *args, **kwargs) -> multiprocessing.context.ForkServerProcess:  # noqa: N802 (multiprocessing's)
        process = _ForkedWritingTo(*args, **kwargs)
        process.log = self.log
        return process


class _ForkedWritingTo(multiprocessing.context.ForkServerProcess):
    log: str | None = None

    def start(self) -> None:
        with runlog.output_to(self.log):  # the fork server, if this starts it, inherits this output
            super().start()


def _log_name() -> str | None:
    log = runlog.current()
    return str(log) if log else None


class Interrupted(Exception):
    """The run was stopped (Ctrl-C); `summary` holds what finished and what did not."""

    def __init__(self, summary: Summary):
        super().__init__("interrupted")
        self.summary = summary


def _outcome(future: Future, student: str) -> worker.Outcome:
    try:
        return future.result()
    except Exception as error:  # a worker that died takes only this submission with it
        return worker.Outcome(student, records.FAILED, f"the grading worker failed: {type(error).__name__}: {error}",
                              0.0)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the workers at once (their kernels die with them), then release the pool's queues and locks, so
    that nothing is left for multiprocessing to warn about ("leaked semaphore")."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _ctrl_c_recorded() -> Iterator[threading.Event]:
    """Inside, Ctrl-C (SIGINT) sets the event instead of raising KeyboardInterrupt, and the run acts on it where
    it looks. A KeyboardInterrupt can surface anywhere (in a finalizer, which swallows it), a flag cannot be
    lost; outside the main thread (where no handler can be set) the event is never set."""
    pressed = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield pressed
        return
    previous = signal.signal(signal.SIGINT, lambda _signum, _frame: pressed.set())
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)


class Progress:
    """The progress of a run as it grades: on a terminal one progress bar (count, rate, time left) with a line
    above it for each submission that needs a person; elsewhere (logs, CI) one line per submission.

    Use as a context manager around `run`, passing `update` as its `on_done`.
    """

    def __init__(self, total: int, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self.counts = dict.fromkeys(records.STATUSES, 0)
        self.bar = tqdm(total=total, unit="notebook", file=self.stream, disable=not self.interactive or not total,
                        dynamic_ncols=True, leave=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.bar.close()

    def update(self, outcome: worker.Outcome, done: int, total: int) -> None:
        self.counts[outcome.status] += 1
        if not self.interactive:
            self.stream.write(f"{done}/{total} {outcome.student}: {describe(outcome)} ({outcome.seconds:.1f} s)\n")
            self.stream.flush()
            return
        if outcome.status != records.GRADED or outcome.notes:
            self.bar.write(f"needs a person: {outcome.student}: {describe(outcome)}", file=self.stream)
        self.bar.set_postfix_str(self.tally(), refresh=False)
        self.bar.update(1)

    def tally(self) -> str:
        return (f"graded {self.counts[records.GRADED]}, failed {self.counts[records.FAILED]}, "
                f"stopped {sum(self.counts[s] for s in records.STOPPED)}")


def describe(outcome: worker.Outcome) -> str:
    """An outcome in words: its status, the reason, and how many notes for a person it has."""
    notes = f" ({len(outcome.notes)} note{'s' if len(outcome.notes) > 1 else ''} for a person)" if outcome.notes else ""
    return outcome.status.label + (f" - {outcome.reason}" if outcome.reason else "") + notes


def format_summary(summary: Summary) -> str:
    """The end-of-run summary: counts, then every submission that needs a person, with the reason."""
    failed = summary.by_status(records.FAILED)
    stopped = [o for o in summary.outcomes if o.status in records.STOPPED]
    counts = ", ".join(f"{label} {len(summary.by_status(status))}" for status, label in outcomes.LABELS.items())
    lines = [
        f"{summary.assignment}: {counts}, unchanged since last run {len(summary.unchanged)}"
        + (f", not graded (interrupted) {len(summary.interrupted)}" if summary.interrupted else "")
    ]
    for outcome in sorted(failed + stopped, key=lambda o: o.student):
        lines.append(f"  {outcome.status.label:15} {outcome.student}: {outcome.reason}")
    for outcome in sorted(summary.outcomes, key=lambda o: o.student):
        lines.extend(f"  {'note':15} {outcome.student}: {note}" for note in outcome.notes[:3])
        if len(outcome.notes) > 3:
            lines.append(f"  {'note':15} {outcome.student}: and {len(outcome.notes) - 3} more like it")
    if summary.still_failed:
        lines.append(f"  still not graded (unchanged since it failed): {', '.join(summary.still_failed)}")
    if summary.interrupted:
        lines.append("  run `mlmath grade` again to grade the rest")
    return "\n".join(lines)
