"""`mlmath report ASSIGNMENT`: one self-contained HTML page for the teaching team, `reports/<ASSIGNMENT>.html`.

One screen of summary comes first: the numbers (submissions, graded, failed, timed out, late, written answers
waiting for a person, mean and median score to two decimals), the score distribution as a histogram, the
three tests most failed by the students who wrote their function (a stub left in place fails every test of its
function alike, and is counted beside) with what they check, and the submissions that need a person (failed to
grade, with the reason from the grading records; timed out; a written answer to grade; notes of the grading
records; late submissions). The details follow, collapsed: each test's pass rate as a bar chart grouped by
function with a table of the same and the most common failure message, the written questions (answered, graded,
mean score), and every submission. The charts are drawn with matplotlib's Agg renderer and embedded as
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
from typing import TYPE_CHECKING

from mlmath.course import Course
from mlmath.outcomes import LABELS, STOPPED, Status
from mlmath.reporting import page
from mlmath.reporting.feedback import not_attempted
from mlmath.reporting.results import (
    Submission,
    TestResult,
    format_duration,
    format_points,
    submissions,
)

if TYPE_CHECKING:  # matplotlib takes a second to import: only the commands that draw pay for it
    from matplotlib.figure import Figure


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
    stubs: int = 0  # submissions that left the test's function as the stub (they fail it without trying)

    @property
    def function(self) -> str:
        return self.grade_id.split("__", 1)[0]

    @property
    def pass_rate(self) -> float:
        return self.passed / self.attempts if self.attempts else 0.0

    @property
    def tried(self) -> int:
        """Submissions that wrote the function (the stub left in place is not a try)."""
        return self.attempts - self.stubs

    @property
    def failed_tried(self) -> int:
        return self.attempts - self.passed - self.stubs

    @property
    def fail_rate_tried(self) -> float:
        return self.failed_tried / self.tried if self.tried else 0.0


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
        ("mean score", f"{statistics.fmean(scores):.2f}" if scores else "–"),
        ("median score", f"{statistics.median(scores):.2f}" if scores else "–"),
    ]


#: How the students' words of a failure message read to the teaching team.
STAFF_WORDS = {
    "raised by your code; for a hidden test its message is not shown":
        "raised by the student's code; a hidden test's message is withheld from students",
}


def for_staff(message: str) -> str:
    """A failure message as the teaching team reads it (the feedback words it for the student)."""
    for student_words, staff_words in STAFF_WORDS.items():
        message = message.replace(student_words, staff_words)
    return message


def failure_summary(results: list[TestResult]) -> str:
    messages = Counter(for_staff(t.message) for t in results if not t.passed and t.message)
    if not messages:
        return ""
    message, n = messages.most_common(1)[0]
    return f"{message} (×{n})"


def test_stats(subs: list[Submission]) -> list[TestStats]:
    """Each test's pass rate over the scored submissions, in notebook order."""
    by_test: dict[str, list[TestResult]] = {}
    stubs: Counter[str] = Counter()
    for sub in scored(subs):
        for test in sub.tests:
            by_test.setdefault(test.grade_id, []).append(test)
        for function in {t.function for t in sub.tests}:
            if not_attempted([t for t in sub.tests if t.function == function]):
                stubs.update(t.grade_id for t in sub.tests if t.function == function)
    return [
        TestStats(gid, results[0].checks, results[0].max_score, sum(t.passed for t in results), len(results),
                  statistics.fmean(t.score for t in results), failure_summary(results), stubs[gid])
        for gid, results in by_test.items()
    ]


@dataclass(frozen=True)
class WrittenStats:
    grade_id: str
    question: str
    max_score: float
    submissions: int
    answered: int
    graded: int  # by a person (or scored 0 by nbgrader for an unchanged answer)
    mean_score: float | None  # over the graded ones

    @property
    def awaiting(self) -> int:
        return self.answered - self.graded_answers

    graded_answers: int = 0


def written_stats(subs: list[Submission]) -> list[WrittenStats]:
    """Each written question over the scored submissions: answered, graded, waiting, mean score."""
    by_id: dict[str, list] = {}
    for sub in scored(subs):
        for answer in sub.written:
            by_id.setdefault(answer.grade_id, []).append(answer)
    found = []
    for gid, answers in by_id.items():
        scores = [a.score for a in answers if a.score is not None]
        found.append(WrittenStats(
            gid, question_title(answers[0].question) or gid, answers[0].max_score, len(answers),
            sum(a.answered for a in answers), len(scores), statistics.fmean(scores) if scores else None,
            graded_answers=sum(a.answered and not a.awaiting_person for a in answers)))
    return found


def question_title(question: str) -> str:
    """The first line of a written question's prompt, without markdown heading marks."""
    lines = question.strip().splitlines()
    return lines[0].lstrip("#").strip() if lines else ""


def most_failed(stats: list[TestStats], n: int = 3) -> list[TestStats]:
    """The `n` tests failed by the largest share of the submissions that wrote their function (ties in notebook
    order), only tests someone who tried failed: a stub left in place fails every test of its function alike and
    says nothing about any of them (the report counts it beside)."""
    failing = [s for s in stats if s.failed_tried]
    return sorted(failing, key=lambda s: -s.fail_rate_tried)[:n]


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    return text.split(". ", 1)[0].rstrip(".") + "." if text else ""


def functions_of(stats: list[TestStats]) -> list[str]:
    """The graded functions, in the order of their first test."""
    return list(dict.fromkeys(s.function for s in stats))


# --- charts -------------------------------------------------------------------------------------------------


def png(fig: Figure, alt: str = "chart") -> str:
    """A figure as an <img> with a base64 PNG data URI."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="{page.esc(alt)}" src="data:image/png;base64,{data}">'


def histogram(scores: list[float], max_score: float) -> str:
    """The distribution of scores, one bar per point (at most 25 bars)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.5, 2.0))
    ax = fig.subplots()
    bins = max(1, min(25, round(max_score))) if max_score else 10
    ax.hist(scores, bins=bins, range=(0, max_score or 1), color="#4c72b0", edgecolor="white")
    ax.set_xlabel(f"score (out of {format_points(max_score)}, after late penalty)")
    ax.set_ylabel("submissions")
    ax.set_title("Score distribution")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return png(fig, "Score distribution")


def pass_rate_chart(stats: list[TestStats]) -> str:
    """A horizontal bar per test, grouped and coloured by function, in notebook order."""
    from matplotlib.figure import Figure

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
    return png(fig, "Pass rate of each test")


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


def written_table(stats: list[WrittenStats]) -> str:
    rows = [[w.grade_id, w.question, f"{w.answered} / {w.submissions}", f"{w.graded_answers}",
             str(w.awaiting), "–" if w.mean_score is None else f"{w.mean_score:.2f} / {format_points(w.max_score)}"]
            for w in stats]
    return page.table(["written question", "question", "answered", "graded by a person", "waiting",
                       "mean points (graded)"], rows)


def most_failed_list(stats: list[TestStats]) -> str:
    tests = most_failed(stats)
    if not tests:
        return "<p>Every test was passed by every graded submission that wrote its function.</p>"
    items = "".join(f"<li><code>{page.esc(s.grade_id)}</code>: failed by {s.failed_tried} of the {s.tried} that "
                    f"wrote <code>{page.esc(s.function)}</code> ({100 * s.fail_rate_tried:.0f} %)"
                    f"{f'; {s.stubs} left it as the stub' if s.stubs else ''}. <span class=\"muted\">"
                    f"{page.esc(first_sentence(s.checks))}</span></li>" for s in tests)
    return f"<ol>{items}</ol>"


def render(assignment: str, subs: list[Submission]) -> str:
    """The whole report page: one screen of summary, then the details collapsed."""
    stats = test_stats(subs)
    written = written_stats(subs)
    max_score = max((s.max_score for s in subs), default=0.0)
    attention = attention_rows(subs)
    body = [
        f"<h1>Grading report: {page.esc(assignment)}</h1>",
        '<div class="glance">',
        page.table(["", ""], [list(row) for row in summary_numbers(subs)]),
        histogram([s.score for s in scored(subs)], max_score),
        "</div>",
        f"<h2>Needs a person ({len(attention)})</h2>",
        page.table(["student", "issue", "details"], attention) if attention else "<p>Nothing.</p>",
        "<h2>The three tests most failed</h2>", most_failed_list(stats),
        "<h2>Details</h2>",
        "<details><summary>Every test: pass rate and most common failure</summary>",
        f"<p class=\"muted\">Grouped by function: {page.esc(', '.join(functions_of(stats)))}. Failure messages "
        "are the words the students' feedback shows.</p>",
        pass_rate_chart(stats) if stats else "<p>No graded tests.</p>",
        test_table(stats), "</details>",
        f"<details><summary>Written questions ({len(written)})</summary>{written_table(written)}</details>",
        f"<details><summary>All submissions ({len(subs)})</summary>{submission_table(subs)}</details>",
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
