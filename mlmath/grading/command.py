"""`mlmath grade ASSIGNMENT`: autograde a class's submissions with nbgrader, several at a time."""

from __future__ import annotations

import argparse
import sys

from mlmath import config, runlog
from mlmath.course import Course
from mlmath.grading import batch, cluster, gradebook, records
from mlmath.sandbox import bubblewrap

NO_SANDBOX_WARNING = """\
*** WARNING: grading WITHOUT a sandbox (--no-sandbox). Students' code runs with your rights: it can read
*** the gradebook (hidden tests included), source/ (the reference solutions) and every student's files,
*** change grades, use the network, and start processes. Still enforced: the time limits per cell and per
*** notebook, the output limit, and grading a crashed kernel on what ran. NOT enforced: CPU, memory,
*** process and file-size limits, and the isolation above. Grade this way only code you trust."""


def add_parser(commands) -> None:
    p = commands.add_parser(
        "grade",
        help="autograde every submission of an assignment with nbgrader, N at a time",
        description="Autograde submitted/<student>/ASSIGNMENT/ with nbgrader's own autograder, several "
        "submissions at a time. Only what is new or changed since the last run is graded, unless --force.",
        epilog="Each kernel runs in a bubblewrap sandbox under the limits of c.MlmathLimits; where no sandbox "
        "can be made, grading is refused unless --no-sandbox. Exit status: 0 every submission graded (one "
        "stopped by a limit or a crash is graded on what ran), 1 some could not be graded, in this run or "
        "unchanged since (listed with the reason), 2 bad arguments, no sandbox or no Dask scheduler, 3 the Dask "
        "scheduler went away (run again to finish), 130 interrupted (run again to finish).",
    )
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="submissions graded at once (default: c.MlmathGrade.jobs, or one per CPU core)")
    p.add_argument("--cluster", metavar="ADDRESS", default=None,
                   help="grade on the workers of the Dask scheduler at ADDRESS, e.g. tcp://host:8786 (default: "
                   "c.MlmathGrade.cluster, or this machine)")
    p.add_argument("--student", action="append", metavar="ID", help="grade only this student (repeatable)")
    p.add_argument("--force", action="store_true", help="grade again even what has not changed")
    p.add_argument("--no-sandbox", action="store_true",
                   help="run students' code without the bubblewrap sandbox (only where none can be made)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    course = Course.here()
    assignment = args.assignment
    if assignment not in course.assignments():
        print(f"mlmath grade: no assignment {assignment!r} in source/ (have: {', '.join(course.assignments())})",
              file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 1:
        print("mlmath grade: --jobs must be at least 1", file=sys.stderr)
        return 2
    settings = config.settings(course, config.MlmathGrade)
    jobs = args.jobs or settings.jobs or batch.default_jobs()
    missing = [s for s in args.student or [] if not (course.submitted / s / assignment).is_dir()]
    if missing:
        print(f"mlmath grade: no submission of {assignment} for: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        gradebook.prepare(course, assignment, settings.due_dates.get(assignment))
    except LookupError as error:
        print(f"mlmath grade: {error}", file=sys.stderr)
        return 2

    address = args.cluster if args.cluster is not None else settings.cluster
    sandboxed = not args.no_sandbox
    if sandboxed and address:
        pass  # students' code runs on the cluster's workers, each of which checks its own sandbox
    elif sandboxed:
        problem = bubblewrap.unavailable(config.settings(course, config.MlmathSandbox).bwrap)
        if problem:
            print(f"mlmath grade: cannot sandbox students' code: {problem}\n"
                  "Refusing to grade unprotected. Install bubblewrap, or run again with --no-sandbox on a "
                  "machine where students' code may do anything the grader can.", file=sys.stderr)
            return 2
    else:
        print(NO_SANDBOX_WARNING, file=sys.stderr)

    plan = batch.plan(course, assignment, args.student, args.force)
    where = (f"on the Dask cluster at {address}" if address else
             f"with {min(jobs, max(1, len(plan.to_grade)))} worker(s)")
    print(f"{assignment}: {len(plan.to_grade)} to grade {where}, {len(plan.unchanged)} unchanged", file=sys.stderr)
    try:
        with batch.Progress(len(plan.to_grade)) as progress:
            if address:
                summary = cluster.run(course, assignment, plan, address, progress.update, sandboxed=sandboxed,
                                      timeout=settings.cluster_timeout)
            else:
                summary = batch.run(course, assignment, plan, jobs, progress.update, sandboxed=sandboxed)
    except batch.Interrupted as stop:
        print("interrupted: what finished is saved", file=sys.stderr)
        print(batch.format_summary(stop.summary) + log_line())
        return 130
    except cluster.ClusterUnavailable as error:
        print(f"mlmath grade: {error}", file=sys.stderr)
        return 2
    except cluster.ClusterLost as lost:
        print(f"mlmath grade: {lost}: stopped; what finished is saved, run again to grade the rest",
              file=sys.stderr)
        print(batch.format_summary(lost.summary) + log_line())
        return 3
    print(batch.format_summary(summary) + log_line())
    return 1 if summary.by_status(records.FAILED) or summary.still_failed else 0


def log_line() -> str:
    """The summary's last line: where this run's log is (nbgrader's messages, warnings, kernels' output)."""
    log = runlog.current()
    return f"\n  log of this run (nbgrader, warnings, kernels): {log}" if log else ""
