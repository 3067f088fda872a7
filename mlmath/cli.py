"""The `mlmath` command line.

The course-maintenance commands (release, check, bank) are here; each of the grading pipeline's commands
lives in its own module, which adds its sub-parser through `add_parser(commands)` (see PIPELINE below).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
from pathlib import Path

from mlmath import answer_bank, nbgrader_cli, notebooks, release, runlog, selfcheck
from mlmath.course import Course


def _cmd_release(args: argparse.Namespace) -> int:
    course = Course.here()
    for assignment in args.assignments or course.assignments():
        try:
            release.regenerate(course, assignment)
        except release.ReleaseError as error:
            print(f"mlmath release: nbgrader could not generate {assignment}: {error}", file=sys.stderr)
            return 1
        print(f"release/{assignment}/ regenerated from source/{assignment}/")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    course = Course.here()
    ok = True
    for assignment in args.assignments or course.assignments():
        with tempfile.TemporaryDirectory(prefix=f"mlmath-check-{assignment}-") as tmp:
            check = selfcheck.check_assignment(course, assignment, Path(tmp))
        print(selfcheck.format_check(check))
        ok = ok and check.ok
    return 0 if ok else 1


def _cmd_validate(args: argparse.Namespace) -> int:
    from mlmath import validate

    return validate.run_cli(args.args)


def _cmd_bank(args: argparse.Namespace) -> int:
    course = Course.here()
    bank = course.root / "tests" / "answers"
    ok = True
    for assignment in args.assignments or course.assignments():
        with tempfile.TemporaryDirectory(prefix=f"mlmath-bank-{assignment}-") as tmp:
            verdicts = answer_bank.grade(course, answer_bank.load(bank, assignment), Path(tmp))
        split = answer_bank.points_split(notebooks.read(course.source_notebook(assignment)))
        print(answer_bank.table(assignment, verdicts, split))
        ok = ok and all(v.ok for v in verdicts)
    return 0 if ok else 1


#: The modules of the grading pipeline's commands, in the order a TA uses them.
PIPELINE = [
    "mlmath.intake.collect",
    "mlmath.grading.command",
    "mlmath.reporting.feedback",
    "mlmath.reporting.export",
    "mlmath.reporting.report",
    "mlmath.demo",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mlmath",
        description='Tools of the course "Mathematics for Machine Learning in Python", on top of nbgrader.',
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("release", help="regenerate release/ (the student versions) from source/")
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: every assignment")
    p.set_defaults(func=_cmd_release)

    p = commands.add_parser(
        "check",
        help="grade the reference solutions and the blank release on a scratch copy; "
        "exit 1 unless the reference earns every autograded point and the blank none",
    )
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: every assignment")
    p.set_defaults(func=_cmd_check)

    p = commands.add_parser(
        "bank",
        help="grade the answer bank (tests/answers/) with nbgrader; exit 1 if a wrong answer gets through "
        "or a right one loses points. Also reports the wrong answers a visible test catches and the share of "
        "points in tests of input handling (errors, edges, inputs)",
    )
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="default: every assignment")
    p.set_defaults(func=_cmd_bank)

    p = commands.add_parser(
        "validate",
        help="the students' Validate on the command line: nbgrader's `validate` (same options, e.g. --invert) "
        "answering with a summary first: which exercises pass their visible tests, which fail and why, "
        "which are not attempted, whether the written answer is filled in",
    )
    p.add_argument("args", nargs="*", metavar="NOTEBOOK",
                   help="notebooks (globs allowed), and any option of `nbgrader validate` (e.g. --invert)")
    p.set_defaults(func=_cmd_validate)

    for name in PIPELINE:
        importlib.import_module(name).add_parser(commands)
    return parser


#: The commands that write a log of their run (see mlmath.runlog); `demo` opens its own, in the demo course.
LOGGED = {"collect", "grade", "feedback", "export", "report"}


def main(argv: list[str] | None = None) -> int:
    """Run one `mlmath` command; its exit status (130 when stopped with Ctrl-C)."""
    # nbgrader, called in this process and its workers, shells out to `alembic`: this environment's bin/ first
    os.environ["PATH"] = nbgrader_cli.environment()["PATH"]
    try:
        parser = build_parser()
        args, extra = parser.parse_known_args(argv)
        if args.command == "validate":  # nbgrader's own options (--invert, --Validator.x=...) go to nbgrader
            args.args = extra + args.args
        elif extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        if args.command in LOGGED:
            runlog.start(Course.here(), args.command)
        return args.func(args)
    except (FileNotFoundError, RuntimeError) as error:
        print(f"mlmath {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("mlmath: interrupted", file=sys.stderr)
        return 130
