"""`mlmath export [--output DIR] [--points-possible]`: the grades as CSV files for an LMS gradebook import.

`grades.csv`: one row per student, one column per assignment (its score after the late penalty, as
nbgrader's own export computes it) and a `total` column::

    student_id,ch1_dot_products,ch2_gradient_descent,ch3_gaussian_mle,ch4_housing_regression,ch5_beyond,total
    blank,0,0,0,0,0,0

The first column is the student id used in `submitted/<student>/` (for submissions collected from Canvas
that is the Canvas user id, from Moodle the participant id). A student who did not submit an assignment
gets 0 for it, and `tests.csv` marks it `missing`; a submission that could not be graded (grading records,
`mlmath grade`) has an empty cell (an LMS leaves an empty cell ungraded instead of recording a 0) and is
named on stderr, and counts 0 in `total`.

The file has no row of maximum points by default, because Moodle's "Import grades from CSV" treats every
row as a student and stops at an unknown one; map `student_id` to the user field holding these ids and
each assignment column to its grade item (ignore `total`, or map it to a category total). Canvas matches
rows by its "ID" column (rename `student_id` to `ID`, or add the students' names as a "Student" column if
your ids are not Canvas ids) and columns by assignment name, creating assignments for new columns; with
`--points-possible` a second row `Points Possible,<max>,...` is written, which Canvas reads as the maximum
points of new assignments (it is the row Canvas's own export has). The maximum points of every assignment
are also printed by the command.

`tests.csv`: one row per graded cell of every submission (student, assignment, grade_id, score, max_score,
status), for a closer look in a spreadsheet::

    student,assignment,grade_id,score,max_score,status
    blank,ch1_dot_products,dot__visible,0,1,failed

`status` is `passed` or `failed` for a test, `graded`, `awaiting grading` or `not answered` for a written
answer, `missing` for every cell of an assignment the student did not submit and `not graded` for one
that could not be graded. Scores are plain decimals (at most 4 decimals, a dot as the separator).
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from mlmath.course import Course
from mlmath.reporting.results import (
    Submission,
    assignment_cells,
    format_points,
    open_gradebook,
    read_submissions,
)

GRADES_FILE = "grades.csv"
TESTS_FILE = "tests.csv"
POINTS_POSSIBLE = "Points Possible"


@dataclass
class GradeTable:
    """What the export needs, read from nbgrader's gradebook: students, assignments, submissions."""

    students: list[str]
    assignments: list[str]  # in course order
    max_scores: dict[str, float]  # by assignment
    cells: dict[str, list[tuple[str, float]]]  # by assignment: (grade_id, max_score)
    submissions: dict[tuple[str, str], Submission]  # by (student, assignment)

    def submission(self, student: str, assignment: str) -> Submission | None:
        return self.submissions.get((student, assignment))


def course_order(course: Course, names: list[str]) -> list[str]:
    """Assignment names in the order of the course's `source/`, then any others alphabetically."""
    rank = {name: i for i, name in enumerate(course.assignments())}
    return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))


def read(course: Course) -> GradeTable:
    """Read the course's gradebook (ReportError if there is none or it is empty)."""
    gb = open_gradebook(course)
    try:
        assignments = course_order(course, [a.name for a in gb.assignments])
        subs = {(s.student, s.assignment): s for a in assignments
                for s in read_submissions(gb, course, a, with_messages=False)}
        students = sorted({s.id for s in gb.students} | {student for student, _ in subs})
        return GradeTable(
            students=students, assignments=assignments,
            max_scores={a: float(gb.find_assignment(a).max_score) for a in assignments},
            cells={a: assignment_cells(gb, course, a) for a in assignments},
            submissions=subs,
        )
    finally:
        gb.close()


def grade_cell(sub: Submission | None) -> str:
    """An assignment's cell in grades.csv: the score after penalty, 0 if missing, empty if not graded."""
    if sub is None:
        return "0"
    return format_points(sub.score) if sub.graded else ""


def counted(sub: Submission | None) -> float:
    return sub.score if sub is not None and sub.graded else 0.0


def grade_rows(book: GradeTable, points_possible: bool = False) -> list[list[str]]:
    """grades.csv as rows: the header, optionally the Points Possible row, then one row per student."""
    rows = [["student_id", *book.assignments, "total"]]
    if points_possible:
        maxima = [book.max_scores[a] for a in book.assignments]
        rows.append([POINTS_POSSIBLE, *map(format_points, maxima), format_points(sum(maxima))])
    for student in book.students:
        subs = [book.submission(student, a) for a in book.assignments]
        rows.append([student, *map(grade_cell, subs), format_points(sum(map(counted, subs)))])
    return rows


def written_status(sub: Submission, grade_id: str) -> str:
    answer = next(w for w in sub.written if w.grade_id == grade_id)
    if not answer.answered:
        return "not answered"
    return "awaiting grading" if answer.awaiting_person else "graded"


def cell_row(sub: Submission, grade_id: str, max_score: float) -> list[str]:
    """One graded cell of a graded submission as a tests.csv row."""
    test = next((t for t in sub.tests if t.grade_id == grade_id), None)
    if test is not None:
        return [format_points(test.score), format_points(max_score), "passed" if test.passed else "failed"]
    answer = next((w for w in sub.written if w.grade_id == grade_id), None)
    score = answer.score if answer is not None else None
    status = written_status(sub, grade_id) if answer is not None else "not graded"
    return [format_points(score), format_points(max_score), status]


def test_rows(book: GradeTable) -> list[list[str]]:
    """tests.csv as rows: the header, then every graded cell of every student's every assignment."""
    rows = [["student", "assignment", "grade_id", "score", "max_score", "status"]]
    for student in book.students:
        for assignment in book.assignments:
            sub = book.submission(student, assignment)
            for grade_id, max_score in book.cells[assignment]:
                if sub is None:
                    values = ["0", format_points(max_score), "missing"]
                elif not sub.graded:
                    values = ["", format_points(max_score), "not graded"]
                else:
                    values = cell_row(sub, grade_id, max_score)
                rows.append([student, assignment, grade_id, *values])
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def not_graded(book: GradeTable) -> list[Submission]:
    return [s for s in book.submissions.values() if not s.graded]


def missing(book: GradeTable) -> list[tuple[str, str]]:
    return [(st, a) for st in book.students for a in book.assignments if book.submission(st, a) is None]


def export(course: Course, output: Path, points_possible: bool = False) -> GradeTable:
    """Write grades.csv and tests.csv to `output`; return what was read."""
    book = read(course)
    write_csv(output / GRADES_FILE, grade_rows(book, points_possible))
    write_csv(output / TESTS_FILE, test_rows(book))
    return book


def _cmd(args: argparse.Namespace) -> int:
    course = Course.here()
    output = Path(args.output).resolve() if args.output else course.root
    book = export(course, output, args.points_possible)
    print(f"wrote {output / GRADES_FILE} and {output / TESTS_FILE}: "
          f"{len(book.students)} students, {len(book.assignments)} assignments")
    for assignment in book.assignments:
        print(f"  {assignment}: out of {format_points(book.max_scores[assignment])} points")
    gaps = missing(book)
    if gaps:
        print(f"{len(gaps)} missing submission(s), counted 0: "
              + ", ".join(f"{st}/{a}" for st, a in gaps))
    for sub in not_graded(book):
        reason = sub.why_not_graded
        print(f"not graded, left empty in {GRADES_FILE}: {sub.student}/{sub.assignment} ({reason})", file=sys.stderr)
    return 0


def add_parser(commands) -> None:
    p = commands.add_parser(
        "export",
        help="write grades.csv (a row per student, a column per assignment after late penalty, and total) "
        "and tests.csv (a row per test) for an LMS gradebook import",
    )
    p.add_argument("--output", metavar="DIR", help="where to write the files (default: the course root)")
    p.add_argument("--points-possible", action="store_true",
                   help='add a second row "Points Possible,<max>,..." as Canvas exports and imports it')
    p.set_defaults(func=_cmd)
