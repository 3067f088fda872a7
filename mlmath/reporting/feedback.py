"""`mlmath feedback ASSIGNMENT [--student ID]`: one self-contained HTML page per graded student, at
`feedback/<student>/<ASSIGNMENT>/feedback.html` (where nbgrader puts feedback; generated state).

The page shows the total (and the late penalty, if any); for each graded function its tests, each with
what it checks (the docstring of the test cell in the *release* notebook), the points earned, and for a
failed test the message of the failed check with a hint on what to do; and the written question's status.

Unlike `nbgrader generate_feedback` (its issues #917 and #1363), it never shows the source of a graded
cell or a traceback, so the hidden tests and their expected values stay hidden. Every piece of text is
HTML-escaped: a student's output can contain markup.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mlmath.course import Course
from mlmath.outcomes import StopKind
from mlmath.reporting import page
from mlmath.reporting.results import (
    ReportError,
    Submission,
    TestResult,
    WrittenResult,
    format_duration,
    format_points,
    functions_in_order,
    submissions,
)

#: What to do about a failure, by the name of the error the test raised.
HINTS = {
    "NotImplementedError": "Your function still raises NotImplementedError: replace the stub "
    "(`raise NotImplementedError()`) with your own code.",
    "AssertionError": "A check of this test failed: the message says which input and which property. "
    "Try that input yourself and compare with what the exercise asks for.",
    "NameError": "A name was not defined when the test ran: check that your function keeps its name, that "
    "it does not use a variable defined in another cell, and that the notebook runs top to bottom.",
    "TypeError": "Your function was called the way the exercise describes and raised a TypeError: check "
    "its parameters and the types it accepts and returns.",
    "ValueError": "Your function raised a ValueError: check which inputs must raise it and which must not.",
}
TIMEOUT_HINT = ("This test was stopped by the time limit: your code ran too long (an endless loop, or a much "
                "slower method than needed). Make it finish in a few seconds.")
LIMIT_HINT = ("This test was stopped by a limit on what a notebook may use while it is graded (memory, CPU time, "
              "processes or output): make your code use less, and print less.")
CRASH_HINT = ("The Python kernel stopped while this test ran (your code ended the process, or crashed it), so this "
              "test and the ones after it could not run. Restart your kernel, run all cells, and look for the cell "
              "that stops it.")
STOP_HINTS = {StopKind.CELL_TIME: TIMEOUT_HINT, StopKind.NOTEBOOK_TIME: TIMEOUT_HINT, StopKind.LIMIT: LIMIT_HINT,
              StopKind.KERNEL_DIED: CRASH_HINT}
NOT_RUN_HINT = ("This test could not run: the kernel had stopped at an earlier limit or crash (see the first test "
                "that failed above).")
OTHER_HINT = "Your code raised this error while the test ran: reproduce it by calling your function yourself."


def feedback_path(course: Course, student: str, assignment: str) -> Path:
    return course.root / "feedback" / student / assignment / "feedback.html"


def hint(test: TestResult) -> str:
    """What a student can do about a failed test, from the error it raised."""
    if test.stop is not None:
        return STOP_HINTS[test.stop.kind] if test.stop.ran else NOT_RUN_HINT
    if not test.message:
        return "This test did not earn its points. Run the test cell in your notebook to see why."
    if "NotImplementedError" in test.message:  # also a check that expected another error, got the stub's
        return HINTS["NotImplementedError"]
    return HINTS.get(test.message.split(":", 1)[0].strip(), OTHER_HINT)


def test_row(test: TestResult) -> list[str]:
    """One test as table cells (already escaped): status, what it checks, points."""
    status = '<span class="pass">passed</span>' if test.passed else '<span class="fail">failed</span>'
    checks = page.paragraphs(test.checks) or '<p class="muted">(no description)</p>'
    detail = f"<strong>{page.esc(test.aspect)}</strong>{checks}"
    if not test.passed:
        if test.message:
            detail += f'<div class="message">{page.esc(test.message)}</div>'
        detail += f'<p class="hint">{page.esc(hint(test))}</p>'
    points = f"{format_points(test.score)} / {format_points(test.max_score)}"
    return [status, detail, page.esc(points)]


def function_section(function: str, tests: list[TestResult]) -> str:
    earned = sum(t.score for t in tests)
    possible = sum(t.max_score for t in tests)
    heading = f"<h2><code>{page.esc(function)}</code>: {format_points(earned)} / {format_points(possible)} points</h2>"
    return heading + page.table(["", "test: what it checks", "points"], [test_row(t) for t in tests], raw=True)


def written_section(answer: WrittenResult) -> str:
    """The written question: not answered, waiting for a person, or graded (score and comment)."""
    heading = f"<h2>Written question <code>{page.esc(answer.grade_id)}</code></h2>"
    if not answer.answered:
        return heading + f'<p><span class="fail">No answer was given.</span> 0 / {format_points(answer.max_score)}</p>'
    if answer.awaiting_person:
        return heading + (f'<p><span class="wait">Waiting to be graded by a person</span> '
                          f"(worth {format_points(answer.max_score)} points).</p>")
    text = f"<p>{format_points(answer.score)} / {format_points(answer.max_score)} points.</p>"
    if answer.comment:
        text += f"<p><strong>Comment:</strong></p>{page.paragraphs(answer.comment)}"
    return heading + text


def summary(sub: Submission) -> str:
    """The total, with the late penalty and the written answers still to grade."""
    text = (f'<p class="total">Total: <strong>{format_points(sub.score)} / {format_points(sub.max_score)}'
            "</strong> points</p>")
    if sub.late:
        text += (f"<p>Submitted {page.esc(format_duration(sub.seconds_late))} after the deadline: a late penalty of "
                 f"{format_points(sub.penalty)} points was taken from {format_points(sub.raw_score)}.</p>")
    if sub.awaiting_person:
        text += '<p class="muted">The total will change once a person has graded your written answer.</p>'
    if any(t.timed_out for t in sub.tests):
        text += '<p class="muted">At least one test was stopped by the time limit (see below).</p>'
    elif any(t.stop for t in sub.tests):
        text += '<p class="muted">At least one test was stopped by a limit or a crash (see below).</p>'
    return text


def render(sub: Submission) -> str:
    """The whole feedback page of one submission."""
    title = f"Feedback on {sub.assignment} for {sub.student}"
    body = [f"<h1>{page.esc(title)}</h1>", summary(sub)]
    for function in functions_in_order(sub.tests):
        body.append(function_section(function, [t for t in sub.tests if t.function == function]))
    body.extend(written_section(w) for w in sub.written)
    body.append('<p class="muted">Each test says what it checks; hidden tests run only when your notebook is '
                "graded, so their code is not shown.</p>")
    return page.document(title, "\n".join(body))


def select(subs: list[Submission], student: str | None) -> list[Submission]:
    """The graded submissions to write feedback for (one student's, if asked)."""
    if student is None:
        return [s for s in subs if s.graded]
    chosen = [s for s in subs if s.student == student]
    if not chosen:
        raise ReportError(f"no submission of {subs[0].assignment if subs else 'this assignment'} by {student!r}")
    if not chosen[0].graded:
        reason = chosen[0].why_not_graded
        raise ReportError(f"{student}'s submission could not be graded ({reason}): no feedback to write")
    return chosen


def generate(course: Course, assignment: str, student: str | None = None) -> list[Path]:
    """Write the feedback pages; return their paths."""
    subs = submissions(course, assignment)
    written = []
    for sub in select(subs, student):
        path = feedback_path(course, sub.student, assignment)
        page.write(path, render(sub))
        written.append(path)
    for sub in subs:
        if student is None and not sub.graded:
            reason = sub.why_not_graded
            print(f"no feedback for {sub.student}: the submission could not be graded ({reason})", file=sys.stderr)
    return written


def _cmd(args: argparse.Namespace) -> int:
    course = Course.here()
    paths = generate(course, args.assignment, args.student)
    for path in paths:
        print(path.relative_to(course.root))
    print(f"{len(paths)} feedback page(s) written for {args.assignment}")
    return 0


def add_parser(commands) -> None:
    p = commands.add_parser(
        "feedback",
        help="write an HTML feedback page per graded student at feedback/<student>/<ASSIGNMENT>/feedback.html "
        "(what each test checks, points, the failed check's message; never hidden test code)",
    )
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument("--student", metavar="ID", help="only this student (default: every graded student)")
    p.set_defaults(func=_cmd)
