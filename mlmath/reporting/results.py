"""What the reports need to know about graded submissions, read once from the gradebook, the notebooks and
the grading records, as plain values.

Everything here is safe to show a student: a test is described by the docstring of its cell in the
*release* notebook (public), and a failure by the `ename: evalue` of the graded cell's error, never by
its traceback or any other output, which can quote the hidden test source or its expected values. A test
that a limit or crash stopped is described by the stop the grader recorded in the cell's metadata
(`mlmath.outcomes`), in the grader's own words.
"""

from __future__ import annotations

import ast
import builtins
import datetime
import re
from dataclasses import dataclass, field

from nbformat import NotebookNode

from mlmath import notebooks, outcomes
from mlmath.course import Course
from mlmath.grading import gradebook, records
from mlmath.outcomes import Status, Stop

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


class ReportError(RuntimeError):
    """Nothing to report on: no gradebook, an empty one, or an assignment it does not know."""


@dataclass(frozen=True)
class TestResult:
    """One autograded test cell of one submission."""

    grade_id: str
    checks: str  # what the test checks: the docstring of the release notebook's cell
    score: float
    max_score: float
    message: str = ""  # "ename: evalue" of the failure, or the stop's words ("" when it passed or left no error)
    stop: Stop | None = None  # what stopped it (a limit or a crash, not the answer), as the grader recorded it

    @property
    def function(self) -> str:
        return self.grade_id.split("__", 1)[0]

    @property
    def aspect(self) -> str:
        return self.grade_id.split("__", 1)[1] if "__" in self.grade_id else self.grade_id

    @property
    def passed(self) -> bool:
        return self.score >= self.max_score

    @property
    def timed_out(self) -> bool:
        return self.stop is not None and self.stop.timed


@dataclass(frozen=True)
class WrittenResult:
    """One manually graded answer (the written question) of one submission."""

    grade_id: str
    score: float | None  # None while it waits for a person
    max_score: float
    answered: bool
    comment: str = ""  # the grader's comment (or nbgrader's automatic one)
    question: str = ""  # the question as the release asks it (its prompt cell, markdown)
    answer: str = ""  # the student's answer, as submitted (markdown, never rendered as HTML)

    @property
    def awaiting_person(self) -> bool:
        return self.answered and self.score is None


@dataclass(frozen=True)
class Submission:
    """A student's submission of an assignment: its scores, tests, written answers and grading record."""

    student: str
    assignment: str
    raw_score: float
    max_score: float
    penalty: float = 0.0
    seconds_late: float = 0.0
    tests: list[TestResult] = field(default_factory=list)
    written: list[WrittenResult] = field(default_factory=list)
    record: records.GradeRecord | None = None
    in_gradebook: bool = True

    @property
    def score(self) -> float:
        """The score after the late penalty (never below 0), as nbgrader's own export computes it."""
        return max(0.0, self.raw_score - self.penalty)

    @property
    def status(self) -> Status:
        """As the grading records say; without a record, a submission in the gradebook is graded."""
        if self.record is not None:
            return self.record.status
        return Status.GRADED if self.in_gradebook else Status.FAILED

    @property
    def graded(self) -> bool:
        return self.status != Status.FAILED and self.in_gradebook

    @property
    def why_not_graded(self) -> str:
        """The reason recorded when it could not be graded."""
        return self.record.reason if self.record else "not in the gradebook"

    @property
    def late(self) -> bool:
        return self.seconds_late > 0 or self.penalty > 0

    @property
    def awaiting_person(self) -> bool:
        return any(w.awaiting_person for w in self.written)


# --- the gradebook ----------------------------------------------------------------------------------------


def open_gradebook(course: Course):
    """nbgrader's Gradebook of the course; ReportError if there is none, it cannot be opened (a database
    server not reached) or it holds no submission.

    (nbgrader would create an empty gradebook for a missing SQLite file, so the file is checked first.)
    """
    file = course.gradebook_file
    if file is not None and not file.is_file():
        raise ReportError(f"no gradebook at {file}: nothing has been graded yet")
    try:
        gb = gradebook.connect(course)
    except gradebook.GradebookUnreachable as error:
        raise ReportError(str(error)) from None
    if not any(a.submissions for a in gb.assignments):
        gb.close()
        raise ReportError(f"the gradebook {course.gradebook_name} holds no submissions: nothing has been graded yet")
    return gb


def require_assignment(gb, assignment: str) -> None:
    """ReportError unless the gradebook knows the assignment and holds at least one submission of it."""
    known = sorted(a.name for a in gb.assignments)
    if assignment not in known:
        raise ReportError(f"unknown assignment {assignment!r}; the gradebook knows: {', '.join(known) or 'none'}")
    if not gb.find_assignment(assignment).submissions:
        raise ReportError(f"the gradebook holds no submissions of {assignment}: nothing has been graded yet")


# --- what a notebook says -----------------------------------------------------------------------------


def docstring(source: str) -> str:
    """The docstring opening a cell's source ("" if there is none or the source is not Python)."""
    try:
        return ast.get_docstring(ast.parse(source)) or ""
    except SyntaxError:
        return ""


def release_docstrings(course: Course, assignment: str) -> dict[str, str]:
    """What each test checks, by grade_id, from the *release* notebook (public, no hidden test in it)."""
    path = course.release_notebook(assignment)
    if not path.is_file():
        return {}
    return {notebooks.grade_id(c): docstring(c.source) for c in notebooks.test_cells(notebooks.read(path))}


def release_questions(course: Course, assignment: str) -> dict[str, str]:
    """The text of each written question, by the grade_id of its answer cell, from the release notebook: the
    markdown cell before the answer (its prompt)."""
    path = course.release_notebook(assignment)
    if not path.is_file():
        return {}
    cells = notebooks.read(path).cells
    return {notebooks.grade_id(c): cells[i - 1].source for i, c in enumerate(cells)
            if notebooks.is_manual(c) and i > 0 and cells[i - 1].cell_type == "markdown"}


def written_answers(course: Course, student: str, assignment: str) -> dict[str, str]:
    """The student's written answers in the graded notebook, by grade_id ({} if there is none)."""
    path = course.autograded_notebook(student, assignment)
    if not path.is_file():
        return {}
    return {notebooks.grade_id(c): c.source for c in notebooks.read(path).cells if notebooks.is_manual(c)}


def test_order(course: Course, assignment: str) -> list[str]:
    """The grade_ids of the test cells in notebook order (release, else source)."""
    for path in (course.release_notebook(assignment), course.source_notebook(assignment)):
        if path.is_file():
            return [notebooks.grade_id(c) for c in notebooks.test_cells(notebooks.read(path))]
    return []


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


def error_message(cell: NotebookNode) -> str:
    """`ename: evalue` of a graded cell's first error output, ANSI codes removed ("" if it has none).

    Only the error's name and value: the traceback quotes the (hidden) test source, and other outputs may
    print hidden expected values.
    """
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            ename = strip_ansi(str(output.get("ename", ""))).strip()
            evalue = strip_ansi(str(output.get("evalue", ""))).strip()
            return f"{ename}: {evalue}" if evalue else ename
    return ""


def stop_message(stop: Stop) -> str:
    """What a test that a limit or crash stopped says: the grader's own words, from the recorded stop."""
    return f"{outcomes.NOT_RUN}{stop.describe()}" if not stop.ran else stop.detail


def test_outcomes(course: Course, student: str, assignment: str) -> dict[str, tuple[str, Stop | None]]:
    """The failure message and the stop of each test cell of the graded notebook, by grade_id ({} if there is
    none). A stopped test says what stopped it; a hidden test's own message only as far as it is the tests'
    own words (see `hidden_test_message`)."""
    path = course.autograded_notebook(student, assignment)
    if not path.is_file():
        return {}
    nb = notebooks.read(path)
    read_only = ReadOnlyCells.of(nb)
    found = {}
    for cell in notebooks.test_cells(nb):
        stop = outcomes.stop_of(cell)
        message = stop_message(stop) if stop else error_message(cell)
        if message and not stop and HIDDEN_MARK in cell.source:
            message = hidden_test_message(cell, message, read_only)
        found[notebooks.grade_id(cell)] = (message, stop)
    return found



# --- what a hidden test's failure may say -------------------------------------------------------------------
# A test cell graded by mlmath's trusted test kernel (mlmath.trusted) is marked so (notebooks.verdict_by): its message
# was written by the test or by the test kernel, which never shows text that an answer chose in a hidden test.
# A notebook graded otherwise (stock nbgrader, where the tests ran in the student's kernel) gets a strict
# filter: an answer controls what its own errors say, and could put a hidden test's inputs or expected values
# into a message. There a hidden test's message is shown only when the test or a check helper raised it (its
# innermost traceback frame is the test cell or a read-only cell), and then only the words and numbers that
# the test and helper source contain; otherwise only the error's name.

HIDDEN_MARK = "BEGIN HIDDEN TESTS"
_FRAME = re.compile(r"^(?:Cell In\[(\d+)\], line \d+|File .*?)(?:, in (\w+)\(.*\))?$")
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?(?:e[-+]?\d+)?")
_TYPE_NAMES = {name for name in dir(builtins) if isinstance(getattr(builtins, name), type)} | {
    "ndarray", "float64", "float32", "float16", "int64", "int32", "bool_", "complex128", "object_", "str_",
    "NoneType", "function", "generator", "dict_keys", "dict_values", "matrix", "longdouble"}


def innermost_frame(traceback: list[str]) -> tuple[str | None, str | None]:
    """(cell number, function name) of the innermost frame of an IPython traceback (None where absent)."""
    found = (None, None)
    for line in strip_ansi("\n".join(traceback)).splitlines():
        match = _FRAME.match(line.strip())
        if match:
            found = match.group(1), match.group(2)
    return found


@dataclass(frozen=True)
class ReadOnlyCells:
    """What a graded notebook's read-only cells (setup, check helpers) say, read once per notebook."""

    counts: frozenset[str]  # their execution counts, as tracebacks print them ("Cell In[<count>]")
    helpers: frozenset[str]  # the functions they define
    tokens: frozenset[str]  # the words and numbers of their source

    @classmethod
    def of(cls, nb: NotebookNode) -> ReadOnlyCells:
        cells = [c for c in nb.cells if c.cell_type == "code" and notebooks.nbgrader_meta(c).get("locked")
                 and not notebooks.nbgrader_meta(c).get("grade")]
        return cls(frozenset(str(c.get("execution_count")) for c in cells),
                   frozenset(name for c in cells for name in re.findall(r"^def (\w+)", c.source, re.M)),
                   frozenset(token for c in cells for token in source_tokens(c.source)))


def hidden_test_message(cell: NotebookNode, message: str, read_only: ReadOnlyCells) -> str:
    """What a failed hidden test may say without repeating anything the answer chose."""
    if notebooks.verdict_by(cell) == notebooks.TEST_KERNEL:
        return message  # written by the trusted test kernel, which shows nothing an answer chose in hidden tests
    output = next(o for o in cell.get("outputs", []) if o.get("output_type") == "error")
    ename = strip_ansi(str(output.get("ename", ""))).strip()
    number, function = innermost_frame(output.get("traceback", []))
    trusted = set(read_only.counts) if function in read_only.helpers else set()
    if function is None:
        trusted.add(str(cell.get("execution_count")))
    shown_name = ename if ename in _TYPE_NAMES else "an error"
    if number is None or number not in trusted:
        return f"{shown_name}: (raised by your code; for a hidden test its message is not shown)"
    message = re.sub(r"(but it raised \w+): .*", r"\1", message, flags=re.S)  # the answer's own error text
    allowed = _TYPE_NAMES | read_only.tokens | source_tokens(cell.source)
    return _TOKEN.sub(lambda m: m.group(0) if m.group(0) in allowed else "?", message)


def source_tokens(source: str) -> set[str]:
    """The words and numbers of a source, numbers also as Python prints them (1e-6 -> 1e-06, 3 -> 3.0)."""
    tokens = set(_TOKEN.findall(source))
    for token in [t for t in tokens if t[0].isdigit()]:
        value = float(token)
        tokens |= {format(value, "g"), repr(value)} | ({str(int(value))} if value.is_integer() else set())
    return tokens


# --- submissions ------------------------------------------------------------------------------------------


def _seconds_late(submission) -> float:
    if submission.timestamp is None or submission.assignment.duedate is None:
        return 0.0
    return float(submission.total_seconds_late)


def _comments(submission) -> dict[str, str]:
    return {c.name: (c.comment or "") for nb in submission.notebooks for c in nb.comments}


def _written(grade, comments: dict[str, str], questions: dict[str, str], answers: dict[str, str]) -> WrittenResult:
    # nbgrader scores an unchanged answer 0 by itself and asks no person to grade it.
    answered = grade.needs_manual_grade or grade.manual_score is not None or grade.auto_score is None
    score = grade.manual_score if grade.manual_score is not None else grade.auto_score
    if grade.needs_manual_grade and grade.manual_score is None:
        score = None
    if score is not None and grade.extra_credit:
        score += grade.extra_credit
    return WrittenResult(grade.name, score, float(grade.max_score), bool(answered), comments.get(grade.name, ""),
                         questions.get(grade.name, ""), answers.get(grade.name, "") if answered else "")


def _submission(course, submission, docs, order, record, with_messages, questions) -> Submission:
    student, assignment = submission.student.id, submission.assignment.name
    found = test_outcomes(course, student, assignment) if with_messages else {}
    answers = written_answers(course, student, assignment) if with_messages else {}
    comments = _comments(submission)
    grades = [g for nb in submission.notebooks for g in nb.grades]
    rank = {gid: i for i, gid in enumerate(order)}
    tests = [TestResult(g.name, docs.get(g.name, ""), float(g.score), float(g.max_score),
                        *(("", None) if g.score >= g.max_score else found.get(g.name, ("", None))))
             for g in grades if g.cell_type == "code"]
    tests.sort(key=lambda t: rank.get(t.grade_id, len(rank)))
    written = [_written(g, comments, questions, answers) for g in grades if g.cell_type != "code"]
    return Submission(
        student=student, assignment=assignment,
        raw_score=float(submission.score), max_score=float(submission.max_score),
        penalty=float(submission.late_submission_penalty or 0.0), seconds_late=_seconds_late(submission),
        tests=tests, written=written, record=record,
    )


def _ungraded(record: records.GradeRecord, max_score: float) -> Submission:
    """A submission the grading records know but the gradebook does not (it failed before nbgrader saw it)."""
    return Submission(record.student, record.assignment, 0.0, max_score, record=record, in_gradebook=False)


def read_submissions(gb, course: Course, assignment: str, *, with_messages: bool = True) -> list[Submission]:
    """Every submission of an assignment the gradebook `gb` knows, sorted by student: those in the gradebook,
    and those the grading records know only as failed. `with_messages` reads the graded notebooks too."""
    known = records.load(course, assignment)
    docs, order = release_docstrings(course, assignment), test_order(course, assignment)
    questions = release_questions(course, assignment)
    found = [_submission(course, s, docs, order, known.get(s.student.id), with_messages, questions)
             for s in gb.assignment_submissions(assignment)]
    max_score = float(gb.find_assignment(assignment).max_score)
    seen = {s.student for s in found}
    found += [_ungraded(r, max_score) for student, r in known.items() if student not in seen]
    return sorted(found, key=lambda s: s.student)


def submissions(course: Course, assignment: str) -> list[Submission]:
    """Every submission of one assignment (see read_submissions), with the failure messages of its tests.

    ReportError for no gradebook, an empty one, an unknown assignment or one without submissions."""
    gb = open_gradebook(course)
    try:
        require_assignment(gb, assignment)
        return read_submissions(gb, course, assignment)
    finally:
        gb.close()


def assignment_cells(gb, course: Course, assignment: str) -> list[tuple[str, float]]:
    """The graded cells of an assignment as (grade_id, max_score), tests in notebook order, then the rest."""
    cells = [(c.name, float(c.max_score)) for nb in gb.find_assignment(assignment).notebooks
             for c in [*nb.grade_cells, *nb.task_cells]]
    rank = {gid: i for i, gid in enumerate(test_order(course, assignment))}
    return sorted(cells, key=lambda cell: (rank.get(cell[0], len(rank)), cell[0]))


def functions_in_order(tests: list[TestResult]) -> list[str]:
    """The graded functions of a list of tests, in the order of their first test."""
    return list(dict.fromkeys(t.function for t in tests))


def format_points(value: float | None) -> str:
    """A score as people write it: 3, 2.5, 0.3333 (at most 4 decimals); "" for None."""
    if value is None:
        return ""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def format_duration(seconds: float) -> str:
    """'2 days 3 h 5 min' style, for how late a submission was."""
    delta = datetime.timedelta(seconds=round(seconds))
    hours, rest = divmod(delta.seconds, 3600)
    parts = [f"{delta.days} day{'s' if delta.days != 1 else ''}"] if delta.days else []
    if hours:
        parts.append(f"{hours} h")
    if rest // 60 or not parts:
        parts.append(f"{rest // 60} min")
    return " ".join(parts)
