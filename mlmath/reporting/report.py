"""`mlmath report ASSIGNMENT`: one self-contained HTML page for the teaching team, `reports/<ASSIGNMENT>.html`.

It shows the summary numbers (submissions, graded, failed, timed out, late, written answers waiting for
a person, mean and median score), the score distribution as a histogram, each test's pass rate as a bar
chart grouped by function (which mistakes the class made) with a table of the same and the most common
failure message of each test, and a table of the submissions that need a person: failed to grade (with
the reason from the grading records), timed out, a written answer to grade, notes of the grading
records, and late submissions. The charts are drawn with matplotlib's Agg renderer and embedded as
base64 PNG, so the page is one file. Like the feedback it shows no graded cell's source or traceback.
"""

from __future__ import annotations

import argparse
import base64
import io
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from mlmath.course import Course
from mlmath.outcomes import LABELS, STOPPED, Status
from mlmath.reporting import page
from mlmath.reporting.results import (
    Submission,
    TestResult,
    format_duration,
    format_points,
    submissions,
)


def report_path(course: Course, assignment: str) -> Path:
    return course.root / "reports" / f"{assignment}.html"


# --- numbers ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TestStats:
    grade_id: str
    checks: str
    max_score: float
    passed: int
    attempts: int
    mean_score: float
    common_failure: str  # the most common failure message, with its count ("" if none)

    @property
    def function(self) -> str:
        return self.grade_id.split("__", 1)[0]

    @property
    def pass_rate(self) -> float:
        return self.passed / self.attempts if self.attempts else 0.0


def scored(subs: list[Submission]) -> list[Submission]:
    """The submissions with a score in the gradebook (graded or timed out, not failed)."""
    return [s for s in subs if s.graded]


def summary_numbers(subs: list[Submission]) -> list[tuple[str, str]]:
    """The summary table: label and value."""
    scores = [s.score for s in scored(subs)]
    max_score = max((s.max_score for s in subs), default=0.0)
    count = Counter(s.status for s in subs)
    return [
        ("submissions", str(len(subs))),
        *((label, str(count[status])) for status, label in LABELS.items()),
        ("written answers to grade", str(sum(s.awaiting_person for s in subs))),
        ("late", str(sum(s.late for s in subs))),
        ("points possible", format_points(max_score)),
        ("mean score", format_points(statistics.fmean(scores)) if scores else "–"),
        ("median score", format_points(statistics.median(scores)) if scores else "–"),
    ]


def failure_summary(results: list[TestResult]) -> str:
    messages = Counter(t.message for t in results if not t.passed and t.message)
    if not messages:
        return ""
    message, n = messages.most_common(1)[0]
    return f"{message} (×{n})"


def test_stats(subs: list[Submission]) -> list[TestStats]:
    """Each test's pass rate over the scored submissions, in notebook order."""
    by_test: dict[str, list[TestResult]] = {}
    for sub in scored(subs):
        for test in sub.tests:
            by_test.setdefault(test.grade_id, []).append(test)
    return [
        TestStats(gid, results[0].checks, results[0].max_score, sum(t.passed for t in results), len(results),
                  statistics.fmean(t.score for t in results), failure_summary(results))
        for gid, results in by_test.items()
    ]


def functions_of(stats: list[TestStats]) -> list[str]:
    """The graded functions, in the order of their first test."""
    return list(dict.fromkeys(s.function for s in stats))


# --- charts -------------------------------------------------------------------------------------------------


def png(fig: Figure) -> str:
    """A figure as an <img> with a base64 PNG data URI."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="chart" src="data:image/png;base64,{data}">'


def histogram(scores: list[float], max_score: float) -> str:
    """The distribution of scores, one bar per point (at most 25 bars)."""
    fig = Figure(figsize=(7, 3))
    ax = fig.subplots()
    bins = max(1, min(25, round(max_score))) if max_score else 10
    ax.hist(scores, bins=bins, range=(0, max_score or 1), color="#4c72b0", edgecolor="white")
    ax.set_xlabel(f"score (out of {format_points(max_score)}, after late penalty)")
    ax.set_ylabel("submissions")
    ax.set_title("Score distribution")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return png(fig)


def pass_rate_chart(stats: list[TestStats]) -> str:
    """A horizontal bar per test, grouped and coloured by function, in notebook order."""
    functions = functions_of(stats)
    fig = Figure(figsize=(7, 0.8 + 0.28 * len(stats)))
    ax = fig.subplots()
    colours = [f"C{functions.index(s.function) % 10}" for s in stats]
    positions = range(len(stats))
    ax.barh(positions, [100 * s.pass_rate for s in stats], color=colours)
    ax.set_yticks(list(positions), [s.grade_id for s in stats], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("submissions passing the test (%)")
    ax.set_title("Pass rate of each test")
    return png(fig)


# --- tables -------------------------------------------------------------------------------------------------


def attention_rows(subs: list[Submission]) -> list[list[str]]:
    """The submissions that need a person: student, issue, details."""
    rows = []
    for sub in subs:
        record = sub.record
        if sub.status == Status.FAILED:
            rows.append([sub.student, sub.status.label, sub.why_not_graded])
        if sub.status in STOPPED:
            rows.append([sub.student, sub.status.label, record.reason if record else ""])
        for answer in sub.written:
            if answer.awaiting_person:
                rows.append([sub.student, "written answer to grade",
                             f"{answer.grade_id} (worth {format_points(answer.max_score)} points)"])
        rows.extend([sub.student, "note", note] for note in (record.notes if record else []))
        if sub.late:
            rows.append([sub.student, "late", f"{format_duration(sub.seconds_late)} late, "
                         f"penalty {format_points(sub.penalty)} points"])
    return rows


def test_table(stats: list[TestStats]) -> str:
    rows = [[s.grade_id, s.checks, f"{s.passed} / {s.attempts} ({100 * s.pass_rate:.0f} %)",
             f"{format_points(s.mean_score)} / {format_points(s.max_score)}", s.common_failure] for s in stats]
    return page.table(["test", "what it checks", "passed", "mean points", "most common failure"], rows)


def submission_table(subs: list[Submission]) -> str:
    rows = [[s.student, s.status.label,
             f"{format_points(s.score)} / {format_points(s.max_score)}" if s.graded else "–",
             format_points(s.penalty) if s.penalty else ""] for s in subs]
    return page.table(["student", "status", "score", "late penalty"], rows)


# --- the page ----------------------------------------------------------------------------------------------


def render(assignment: str, subs: list[Submission]) -> str:
    """The whole report page."""
    stats = test_stats(subs)
    max_score = max((s.max_score for s in subs), default=0.0)
    attention = attention_rows(subs)
    body = [
        f"<h1>Grading report: {page.esc(assignment)}</h1>",
        page.table(["", ""], [list(row) for row in summary_numbers(subs)]),
        "<h2>Score distribution</h2>", histogram([s.score for s in scored(subs)], max_score),
        "<h2>Tests: which mistakes the class made</h2>",
        f"<p class=\"muted\">Grouped by function: {page.esc(', '.join(functions_of(stats)))}.</p>",
        pass_rate_chart(stats) if stats else "<p>No graded tests.</p>",
        test_table(stats),
        f"<h2>Needs a person ({len(attention)})</h2>",
        page.table(["student", "issue", "details"], attention) if attention else "<p>Nothing.</p>",
        "<h2>All submissions</h2>", submission_table(subs),
    ]
    return page.document(f"Grading report: {assignment}", "\n".join(body))


def generate(course: Course, assignment: str) -> Path:
    """Write the report of an assignment; return its path."""
    path = report_path(course, assignment)
    page.write(path, render(assignment, submissions(course, assignment)))
    return path


def _cmd(args: argparse.Namespace) -> int:
    course = Course.here()
    path = generate(course, args.assignment)
    print(f"wrote {path.relative_to(course.root)}")
    return 0


def add_parser(commands) -> None:
    p = commands.add_parser(
        "report",
        help="write reports/<ASSIGNMENT>.html for the teaching team: summary, score histogram, pass rate of "
        "each test, and the submissions that need a person",
    )
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.set_defaults(func=_cmd)
