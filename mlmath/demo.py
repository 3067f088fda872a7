"""`mlmath demo`: the whole grading pipeline on a made-up class, on a scratch copy of the course.

A class of students (40 by default, seeded) submits every assignment: most hand in the reference solution
with a few functions swapped for plausible mistakes from the answer bank (tests/answers/), some hand in
other correct answers, some leave exercises as stubs or hand in the blank release, some are late, one file
is corrupt and one student misses an assignment. Each assignment's submissions are packed as a Canvas
download (a .zip), then collected, graded, given feedback, exported and reported with the real commands.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from mlmath import answer_bank, config, nbgrader_cli, notebooks
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


def profile(rng: random.Random) -> str:
    """What kind of work a student hands in for one assignment."""
    return rng.choices(["strong", "mixed", "struggling", "blank"], weights=[45, 35, 14, 6])[0]


def submission(course: Course, bank: Path, assignment: str, kind: str, rng: random.Random):
    """A student's notebook: the reference with some functions replaced by bank answers or stubs."""
    nb = notebooks.read(course.source_notebook(assignment))
    if kind == "blank":
        return notebooks.read(course.release_notebook(assignment))
    answers = answer_bank.load(bank, assignment)
    stubs = notebooks.cells_by_id(notebooks.read(course.release_notebook(assignment)))
    cells = notebooks.cells_by_id(nb)
    wrong_count = {"strong": rng.choice([0, 0, 1]), "mixed": rng.choice([1, 2, 2, 3]), "struggling": 4}[kind]
    functions = notebooks.graded_functions(nb)
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


def lms_download(course: Course, bank: Path, assignment: str, students: list[Student], due: datetime | None,
                 rng: random.Random, dest: Path) -> Path:
    """A Canvas "Download Submissions" zip for one assignment."""
    archive = dest / f"{assignment}_submissions.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for index, student in enumerate(students):
            if index == len(students) - 1 and assignment.startswith("ch2"):
                continue  # one student misses an assignment
            late = rng.random() < 0.1
            hours = rng.uniform(2, 60) if late else -rng.uniform(1, 90)
            when = (due or datetime(2027, 1, 1)) + timedelta(hours=hours)
            upload = rng.randint(10**6, 10**7)
            name = f"{student.name}_{'late_' if late else ''}{student.canvas_id}_{upload}_{assignment}.ipynb"
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            if index == 3 and assignment.startswith("ch3"):
                zf.writestr(info, '{"cells": [ this file was cut off by a bad upload')  # a corrupt file
                continue
            nb = submission(course, bank, assignment, profile(rng), rng)
            zf.writestr(info, notebooks.nbformat.writes(nb))
    return archive


def due_date(course: Course, assignment: str) -> datetime | None:
    text = config.settings(course, config.MlmathGrade).due_dates.get(assignment)
    return datetime.strptime(text.replace(" UTC", ""), "%Y-%m-%d %H:%M:%S") if text else None


def step(course: Course, *args: str) -> int:
    """Run one `mlmath` command in the demo course, showing its output as it goes."""
    print(f"\n$ mlmath {' '.join(args)}", flush=True)
    return subprocess.run([sys.executable, "-m", "mlmath", *args], cwd=course.root).returncode


def add_parser(commands) -> None:
    p = commands.add_parser(
        "demo",
        help="the whole pipeline (collect, grade, feedback, export, report) on a made-up class",
        description=__doc__.split("\n\n")[0],
    )
    p.add_argument("--students", type=int, default=40, metavar="N", help="class size (default 40)")
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
    shutil.rmtree(where, ignore_errors=True)
    demo = course.scratch_copy(where)
    rng = random.Random(args.seed)
    students = make_class(args.students, rng)
    downloads = where / "downloads"
    downloads.mkdir()
    bank = course.root / "tests" / "answers"
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    print(f"demo course: {where} ({len(students)} students, {len(demo.assignments())} assignments)")
    for assignment in demo.assignments():
        nbgrader_cli.run(demo, "generate_assignment", assignment, "--force")
        archive = lms_download(demo, bank, assignment, students, due_date(demo, assignment), rng, downloads)
        step(demo, "collect", assignment, str(archive))
        step(demo, "grade", assignment, *jobs)
        step(demo, "feedback", assignment)
        step(demo, "report", assignment)
    step(demo, "export", "--output", str(where / "exports"))
    print(f"""
Where everything is:
  LMS downloads (input)   {downloads}
  submissions             {demo.submitted}
  graded notebooks        {demo.autograded}
  gradebook               {demo.root / 'gradebook.db'}
  feedback for students   {demo.root / 'feedback'}/<student>/<assignment>/feedback.html
  grades for the LMS      {where / 'exports'}/grades.csv, tests.csv
  reports for the team    {demo.root / 'reports'}/<assignment>.html""")
    return 0
