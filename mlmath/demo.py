"""`mlmath demo`: the whole grading pipeline on a made-up class, on a scratch copy of the course.

A class of students (4 by default, seeded) submits every assignment, and every assignment's class has each
kind of work: the reference solution with a few functions swapped for plausible mistakes from the answer bank
(tests/answers/) or for other correct answers, exercises left as stubs (the blank release), and an answer
that kills its kernel; a late submission, a resubmission that supersedes an older file and an earlier upload
that is corrupt; one student misses an assignment. Each assignment's submissions are packed as a Canvas
download (a .zip), then collected, graded, given feedback and reported with the real commands, and the grades
exported. The demo stops at the first step that fails, with that step's reason and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import shutil
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from mlmath import answer_bank, config, notebooks, runlog
from mlmath import release as release_module
from mlmath.course import Course

FIRST = ["ada", "alan", "grace", "emmy", "kurt", "sofia", "john", "mary", "carl", "hedy", "niels", "rosa",
         "paul", "lise", "blaise", "ida", "srinivasa", "maryam", "pierre", "katherine"]
LAST = ["lovelace", "turing", "hopper", "noether", "goedel", "kovalevskaya", "neumann", "somerville",
        "gauss", "lamarr", "bohr", "peter", "erdos", "meitner", "pascal", "rhodes", "ramanujan", "mirzakhani"]


@dataclass(frozen=True)
class Student:
    canvas_id: int
    name: str  # Canvas's sortable name: lastfirst, lower case


def make_class(size: int, rng: random.Random) -> list[Student]:
    names = rng.sample([f"{last}{first}" for first in FIRST for last in LAST], size)
    return [Student(100001 + i, name) for i, name in enumerate(names)]


#: The kinds of work every assignment's class shows, one student each, while the class is big enough; the rest
#: of a class hands in work drawn at random (`profile`).
SHOWN = ("strong", "mixed", "blank", "crash")
#: The default class: one student of each kind in `SHOWN`, quick enough to watch (benchmarks/demo_time.py).
DEFAULT_STUDENTS = len(SHOWN)


def profile(rng: random.Random) -> str:
    """What kind of work a student hands in for one assignment."""
    return rng.choices(["strong", "mixed", "struggling", "blank"], weights=[45, 35, 14, 6])[0]


def kind_of_work(index: int, number: int, rng: random.Random) -> str:
    """The work student `index` hands in for assignment `number`: the shown kinds rotate across assignments."""
    return SHOWN[(index + number) % len(SHOWN)] if index < len(SHOWN) else profile(rng)


def submission(course: Course, bank: Path, assignment: str, kind: str, rng: random.Random):
    """A student's notebook: the reference with some functions replaced by bank answers or stubs."""
    if kind == "blank":
        return notebooks.read(course.release_notebook(assignment))
    nb = notebooks.read(course.source_notebook(assignment))
    cells = notebooks.cells_by_id(nb)
    functions = notebooks.graded_functions(nb)
    if kind == "crash":  # an answer that ends its own kernel: graded on what ran before it
        cells[rng.choice(functions[1:] or functions)].source = "import os\nos._exit(1)\n"
        return nb
    answers = answer_bank.load(bank, assignment)
    stubs = notebooks.cells_by_id(notebooks.read(course.release_notebook(assignment)))
    wrong_count = {"strong": rng.choice([0, 0, 1]), "mixed": rng.choice([1, 2, 2, 3]), "struggling": 4}[kind]
    replaced = rng.sample(functions, min(wrong_count, len(functions)))
    for function in replaced:
        wrong = [a for a in answers if a.function == function and a.wrong]
        if kind == "struggling" and rng.random() < 0.5:
            cells[function].source = stubs[function].source  # left unfinished
        elif wrong:
            cells[function].source = rng.choice(wrong).path.read_text()
    for function in [f for f in functions if f not in replaced]:  # some right answers differ from the reference
        right = [a for a in answers if a.function == function and not a.wrong]
        if right and rng.random() < 0.15:
            cells[function].source = rng.choice(right).path.read_text()
    for cell in nb.cells:  # the written answer: most students write something
        if notebooks.is_manual(cell):
            cell.source = rng.choice(["YOUR ANSWER HERE", "Because the data must be centred first.",
                                      "I think it is because of the learning rate and the scale of the data."])
    return nb


@dataclass(frozen=True)
class Roles:
    """Who, in one assignment's class, is late, resubmits (an older file is superseded), uploaded a corrupt
    file before the good one, and misses the assignment (-1: nobody)."""

    late: int
    resubmits: int
    corrupt: int
    missing: int

    @classmethod
    def of(cls, number: int, assignment: str, size: int) -> Roles:
        """Different students each time (in a class of 4 or more)."""
        missing = number % size if assignment.startswith("ch2") else -1
        return cls((number + 1) % size, (number + 2) % size, (number + 3) % size, missing)


def lms_download(course: Course, bank: Path, number: int, students: list[Student], rng: random.Random,
                 dest: Path) -> Path:
    """A Canvas "Download Submissions" zip for assignment `number` (in course order)."""
    assignment = course.assignments()[number]
    due = due_date(course, assignment) or datetime(2027, 1, 1)
    roles = Roles.of(number, assignment, len(students))
    archive = dest / f"{assignment}_submissions.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for index, student in enumerate(students):
            if index == roles.missing:
                continue
            late = index == roles.late or (index >= len(SHOWN) and rng.random() < 0.1)
            when = due + timedelta(hours=rng.uniform(2, 60) if late else -rng.uniform(1, 90))
            if index == roles.corrupt:  # not collected, and listed; the good file, uploaded later, is
                upload(zf, student, assignment, when - timedelta(days=1), False,
                       '{"cells": [ this file was cut off by a bad upload')
            if index == roles.resubmits:
                first = notebooks.read(course.release_notebook(assignment))
                upload(zf, student, assignment, when - timedelta(days=2), False, notebooks.nbformat.writes(first))
            nb = submission(course, bank, assignment, kind_of_work(index, number, rng), rng)
            upload(zf, student, assignment, when, late, notebooks.nbformat.writes(nb))
    return archive


def upload(zf: zipfile.ZipFile, student: Student, assignment: str, when: datetime, late: bool, text: str) -> None:
    """One file of a Canvas download, named as Canvas names it."""
    upload_id = 1_000_000 + zlib.crc32(f"{student.name}{assignment}{when}{text}".encode()) % 9_000_000
    name = f"{student.name}_{'late_' if late else ''}{student.canvas_id}_{upload_id}_{assignment}.ipynb"
    zf.writestr(zipfile.ZipInfo(name, date_time=when.timetuple()[:6]), text)


def due_date(course: Course, assignment: str) -> datetime | None:
    text = config.settings(course, config.MlmathGrade).due_dates.get(assignment)
    return datetime.strptime(text.replace(" UTC", ""), "%Y-%m-%d %H:%M:%S") if text else None


# --- running the steps ------------------------------------------------------------------------------------


class StepFailed(Exception):
    """A step of the demo failed: the demo stops there."""

    def __init__(self, step: str, reason: str, status: int):
        super().__init__(f"{step}: {reason}")
        self.step, self.reason, self.status = step, reason, status


#: The exit statuses of a step that let the demo go on: `grade` exits 1 when some submission needs a person,
#: which the demo's class always has.
GOOD_STATUS = {"grade": (0, 1)}


class _Recorder(io.TextIOBase):
    """Passes everything written on to `target` (a terminal stays a terminal) and keeps the lines that are a
    command's own messages ("mlmath <command>: ..."): the reason a failed step gives."""

    def __init__(self, target: TextIO):
        self.target = target
        self.messages: list[str] = []
        self._line = ""

    def write(self, text: str) -> int:
        self.target.write(text)
        *lines, self._line = (self._line + text).replace("\r", "\n").split("\n")
        self.messages.extend(line for line in lines if line.startswith("mlmath "))
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.target, "encoding", None) or "utf-8"


def step(*args: str) -> None:
    """Run one `mlmath` command in the demo course (the working directory), in this process, as a TA would.

    Raises
    ------
    StepFailed
        With the command's own message, when its exit status says it failed.
    """
    from mlmath import cli

    print(f"\n$ mlmath {' '.join(args)}", flush=True)
    recorder = _Recorder(sys.stderr)
    with contextlib.redirect_stderr(recorder):
        status = cli.main(list(args))
    sys.stdout.flush()
    if status not in GOOD_STATUS.get(args[0], (0,)):
        said = recorder.messages[-1] if recorder.messages else f"it exited with status {status}"
        reason = "interrupted (Ctrl-C)" if status == 130 else said
        raise StepFailed(f"mlmath {' '.join(args)}", reason, status)


def release(course: Course, assignment: str) -> None:
    """`nbgrader generate_assignment ASSIGNMENT --force`, through nbgrader's Python API (`mlmath.release`: in this
    process, so nbgrader is imported once, not once per assignment); its log goes to the run's log."""
    print(f"\n$ nbgrader generate_assignment {assignment} --force", flush=True)
    try:
        release_module.generate(course, assignment)
    except release_module.ReleaseError as error:  # its log is already in the run's log, through Python's logging
        runlog.write(f"nbgrader generate_assignment {assignment} failed: {error}")
        raise StepFailed(f"nbgrader generate_assignment {assignment}", str(error), 1) from None


def add_parser(commands) -> None:
    p = commands.add_parser(
        "demo",
        help="the whole pipeline (collect, grade, feedback, export, report) on a made-up class",
        description=__doc__.split("\n\n")[0],
        epilog="Exit status: 0 every step ran and every output is there; otherwise that of the first step that "
        "failed (its reason is the last line), 2 for bad arguments.",
    )
    p.add_argument("--students", type=int, default=DEFAULT_STUDENTS, metavar="N",
                   help=f"class size (default {DEFAULT_STUDENTS}: every kind of submission, in under 3 minutes)")
    p.add_argument("--dir", default="demo", metavar="PATH",
                   help="where the scratch course is made; replaced if it exists (default: ./demo)")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="passed to mlmath grade")
    p.add_argument("--seed", type=int, default=2027, help="the class is the same for the same seed")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    course = Course.here()
    if args.students < 2:
        print("mlmath demo: --students must be at least 2", file=sys.stderr)
        return 2
    where = Path(args.dir).resolve()
    if where == course.root or course.root.is_relative_to(where):
        print(f"mlmath demo: refusing to replace {where}, which holds the course itself", file=sys.stderr)
        return 2
    started = time.monotonic()
    shutil.rmtree(where, ignore_errors=True)
    demo = course.scratch_copy(where)
    log = runlog.start(demo, "demo")
    print(f"demo course: {where} ({args.students} students, {len(demo.assignments())} assignments)")
    try:
        with release_module.working_directory(demo.root):
            pipeline(demo, course.root / "tests" / "answers", args)
    except StepFailed as failed:
        print(f"mlmath demo: stopped at `{failed.step}`: {failed.reason}\n  log of this run: {log}", file=sys.stderr)
        return failed.status or 1
    print(where_everything_is(demo, log, time.monotonic() - started))
    return 0


def pipeline(demo: Course, bank: Path, args: argparse.Namespace) -> None:
    """Every step of a TA's job, assignment by assignment, then the export; raises StepFailed at the first
    step that fails."""
    rng = random.Random(args.seed)
    students = make_class(args.students, rng)
    downloads = demo.root / "downloads"
    downloads.mkdir()
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    for number, assignment in enumerate(demo.assignments()):
        release(demo, assignment)
        print(f"\n# the class hands in {assignment}: the demo packs it as a Canvas download", flush=True)
        archive = lms_download(demo, bank, number, students, rng, downloads)
        step("collect", assignment, str(archive))
        step("grade", assignment, *jobs)
        step("feedback", assignment)
        step("report", assignment)
    step("export", "--output", str(demo.root / "exports"))
    missing = missing_outputs(demo)
    if missing:
        raise StepFailed("the demo's last check", f"every step succeeded, yet nothing matches {', '.join(missing)}", 1)


def missing_outputs(demo: Course) -> list[str]:
    """What a whole run makes that this one did not (patterns in the demo course): per assignment graded
    notebooks, feedback pages and a report; the gradebook and both exports."""
    patterns = [f"{folder}/*/{a}" for a in demo.assignments() for folder in ("autograded", "feedback")]
    patterns += [f"reports/{a}.html" for a in demo.assignments()]
    patterns += ["exports/grades.csv", "exports/tests.csv"]
    if demo.gradebook_file is not None:  # a scratch copy's own SQLite file (mlmath.course.Course.scratch_copy)
        patterns.append(str(demo.gradebook_file.relative_to(demo.root)))
    return [pattern for pattern in patterns if not any(demo.root.glob(pattern))]


def where_everything_is(demo: Course, log: Path, seconds: float) -> str:
    return f"""
Where everything is (all made in {seconds:.0f} s):
  LMS downloads (input)   {demo.root / 'downloads'}
  submissions             {demo.submitted}
  graded notebooks        {demo.autograded}
  gradebook               {demo.gradebook_name}
  feedback for students   {demo.root / 'feedback'}/<student>/<assignment>/feedback.html
  grades for the LMS      {demo.root / 'exports'}/grades.csv, tests.csv
  reports for the team    {demo.root / 'reports'}/<assignment>.html
  log of the run          {log}"""
