"""`mlmath feedback ASSIGNMENT [--student ID]`: one self-contained HTML page per graded student, at
`feedback/<student>/<ASSIGNMENT>/feedback.html` (where nbgrader puts feedback; generated state).

The page opens with a summary: the total (and the late penalty, if any) and a table of each exercise's points
and result (passed, failed, not attempted) and the written question's. Then each graded function: its tests,
each with what it checks (the docstring of the test cell in the *release* notebook), the points earned and,
for a failed test, the message of the failed check; what to do is said once per cause, not once per test. A
function that passed, or that was not attempted, is collapsed. Last, the written question by its text, with
the student's answer, the score and the grader's comment.

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
    "NotImplementedError": "Your function still raises NotImplementedError: replace the stub (the line "
    "`raise NotImplementedError(\"Exercise ... is not done yet ...\")` in its answer cell) with your own code.",
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


def not_attempted(tests: list[TestResult]) -> bool:
    """Whether a function was left as the stub: every one of its tests failed on NotImplementedError."""
    return all(not t.passed and t.stop is None and "NotImplementedError" in t.message for t in tests)


def outcome(tests: list[TestResult]) -> tuple[str, str]:
    """A function's result in the summary: (css class, words)."""
    failed = sum(not t.passed for t in tests)
    if not failed:
        return "pass", f"passed all {len(tests)} tests"
    if not_attempted(tests):
        return "todo", "not attempted"
    return "fail", f"failed {failed} of {len(tests)} tests"


def hints(tests: list[TestResult]) -> list[str]:
    """What to do about a function's failed tests: each hint once, in the order of the tests."""
    return list(dict.fromkeys(hint(t) for t in tests if not t.passed))


def test_row(test: TestResult) -> list[str]:
    """One test as table cells (already escaped): status, what it checks (and the failed check's message), points."""
    status = '<span class="pass">passed</span>' if test.passed else '<span class="fail">failed</span>'
    checks = page.paragraphs(test.checks) or '<p class="muted">(no description)</p>'
    detail = f"<strong>{page.esc(test.aspect)}</strong>{checks}"
    if not test.passed and test.message:
        detail += f'<div class="message">{page.esc(test.message)}</div>'
    points = f"{format_points(test.score)} / {format_points(test.max_score)}"
    return [status, detail, page.esc(points)]


def points_of(tests: list[TestResult]) -> str:
    return f"{format_points(sum(t.score for t in tests))} / {format_points(sum(t.max_score for t in tests))}"


def function_section(function: str, tests: list[TestResult]) -> str:
    """A function's tests: open when something failed, collapsed when all passed or it was not attempted."""
    css, words = outcome(tests)
    heading = (f"<code>{page.esc(function)}</code>: {points_of(tests)} points, "
               f'<span class="{css}">{page.esc(words)}</span>')
    table = page.table(["", "test: what it checks", "points"], [test_row(t) for t in tests], raw=True)
    if css != "fail":
        return f'<details class="function"><summary>{heading}</summary>{table}</details>'
    todo = "".join(f"<li>{page.esc(h)}</li>" for h in hints(tests))
    return f'<h2>{heading}</h2><p class="hint"><strong>What to do:</strong></p><ul class="hint">{todo}</ul>{table}'


def question_parts(question: str, grade_id: str) -> tuple[str, str]:
    """The written question's heading (its first markdown heading, else its id) and the rest of its text."""
    lines = question.strip().splitlines()
    if lines and lines[0].startswith("#"):
        return lines[0].lstrip("#").strip(), "\n".join(lines[1:])
    return f"Written question {grade_id}", question


def written_status(answer: WrittenResult) -> str:
    if not answer.answered:
        return '<span class="fail">not answered</span>'
    if answer.awaiting_person:
        return '<span class="wait">waiting for a person</span>'
    return '<span class="pass">graded</span>'


def written_section(answer: WrittenResult) -> str:
    """The written question by its text, the student's answer, the score and the grader's comment."""
    title, text = question_parts(answer.question, answer.grade_id)
    body = [f"<h2>{page.esc(title)}</h2>", f'<div class="question">{page.markdown(text)}</div>']
    if not answer.answered:
        body.append(f'<p><span class="fail">No answer was given.</span> '
                    f"0 / {format_points(answer.max_score)} points</p>")
        return "".join(body)
    body.append(f'<p><strong>Your answer:</strong></p><blockquote class="answer">{page.paragraphs(answer.answer)}'
                "</blockquote>")
    if answer.awaiting_person:
        body.append(f'<p><span class="wait">Waiting to be graded by a person</span> '
                    f"(worth {format_points(answer.max_score)} points).</p>")
        return "".join(body)
    body.append(f"<p><strong>Score:</strong> {format_points(answer.score)} / {format_points(answer.max_score)} "
                "points.</p>")
    if answer.comment:
        body.append(f'<p><strong>Comment:</strong></p><div class="comment">{page.paragraphs(answer.comment)}</div>')
    return "".join(body)


def overview(sub: Submission) -> str:
    """The summary table at the top: points and result of each exercise and of the written question."""
    rows = []
    for function in functions_in_order(sub.tests):
        tests = [t for t in sub.tests if t.function == function]
        css, words = outcome(tests)
        rows.append([f"<code>{page.esc(function)}</code>", page.esc(points_of(tests)),
                     f'<span class="{css}">{page.esc(words)}</span>'])
    for answer in sub.written:
        title, _ = question_parts(answer.question, answer.grade_id)
        score = format_points(answer.score) if answer.score is not None else "–"
        rows.append([page.esc(title), page.esc(f"{score} / {format_points(answer.max_score)}"),
                     written_status(answer)])
    text = page.table(["exercise", "points", "result"], rows, raw=True)
    stubs = [f for f in functions_in_order(sub.tests) if not_attempted([t for t in sub.tests if t.function == f])]
    if stubs:
        text += (f'<p class="hint">Not attempted: {page.esc(", ".join(stubs))}. '
                 f'{page.esc(HINTS["NotImplementedError"])}</p>')
    return text


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
    """The whole feedback page of one submission: the summary first, then each exercise, then the written answers."""
    title = f"Feedback on {sub.assignment} for {sub.student}"
    body = [f"<h1>{page.esc(title)}</h1>", summary(sub), overview(sub)]
    for function in functions_in_order(sub.tests):
        body.append(function_section(function, [t for t in sub.tests if t.function == function]))
    body.extend(written_section(w) for w in sub.written)
    body.append('<p class="muted">Each test says what it checks; hidden tests run only when your notebook is '
                "graded, so their code is not shown. Click an exercise to see its tests.</p>")
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
