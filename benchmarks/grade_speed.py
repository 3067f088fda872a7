"""Benchmark: `mlmath grade` against stock sequential `nbgrader autograde` on the same submissions.

    .venv/bin/python benchmarks/grade_speed.py [--students 40] [--assignment ch1_dot_products] [--jobs 1 2]

Builds one class of mixed submissions (right, partly wrong, stubs, blank: the demo's generator), copies it
into twin scratch courses, grades one with `nbgrader autograde ASSIGNMENT` and the other with
`mlmath grade ASSIGNMENT --jobs N` for each N, checks that every score of every test cell is identical,
and prints the seconds per notebook of each and the throughput ratio. Prints figures; asserts no timing.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mlmath import demo, nbgrader_cli, notebooks
from mlmath.course import Course
from mlmath.grading import pipeline


def make_class(course: Course, assignment: str, size: int, seed: int) -> None:
    rng = random.Random(seed)
    bank = Course.here().root / "tests" / "answers"
    for student in demo.make_class(size, rng):
        nb = demo.submission(course, bank, assignment, demo.profile(rng), rng)
        notebooks.write(nb, course.submitted_notebook(student.name, assignment))


def twin(course: Course, dest: Path, stock: bool = False) -> Course:
    """A copy of the course; `stock` makes it grade as stock nbgrader does (one unsandboxed kernel)."""
    shutil.copytree(course.root, dest)
    if stock:
        with open(dest / "course_config.py", "a") as config:
            config.write(pipeline.STOCK_LINE)
    return Course(dest)


def timed(command: list[str], course: Course) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=course.root, env=nbgrader_cli.environment(), check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def all_scores(course: Course, assignment: str) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(course.gradebook_url) as gb:
        return {(s.student.id, g.name): (g.auto_score, g.manual_score)
                for s in gb.assignment_submissions(assignment) for nb in s.notebooks for g in nb.grades}


def machine() -> str:
    model = "unknown CPU"
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line)
    except (OSError, StopIteration):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores, {model}, Python {platform.python_version()}, {platform.system()}"


def boundary_cost(course: Course, assignment: str) -> tuple[int, float, int]:
    """(calls, seconds, notebooks run again in full) that the trusted grading recorded in the graded notebooks."""
    calls, seconds, again = 0, 0.0, 0
    for path in course.autograded.glob(f"*/{assignment}/{assignment}.ipynb"):
        record = notebooks.read(path).metadata.get("mlmath", {})
        calls += record.get("boundary", {}).get("calls", 0)
        seconds += record.get("boundary", {}).get("seconds", 0.0)
        again += bool(record.get("ran_again_in_full"))
    return calls, seconds, again


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--assignment", default="ch1_dot_products")
    parser.add_argument("--jobs", type=int, nargs="+", default=[os.cpu_count() or 1])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mlmath-bench-") as tmp:
        base = Course.here().scratch_copy(Path(tmp) / "base")
        nbgrader_cli.run(base, "generate_assignment", args.assignment, "--force")
        make_class(base, args.assignment, args.students, args.seed)
        n = args.students
        print(f"machine: {machine()}")
        print(f"{n} submissions of {args.assignment} (mixed: right, partly wrong, stubs, blank)\n")

        stock = twin(base, Path(tmp) / "stock", stock=True)
        stock_s = timed([sys.executable, "-m", "nbgrader", "autograde", args.assignment], stock)
        expected = all_scores(stock, args.assignment)
        print(f"{'grader':34} {'seconds':>8} {'s/notebook':>11} {'throughput vs stock':>20}")
        print(f"{'nbgrader autograde (sequential)':34} {stock_s:8.1f} {stock_s / n:11.2f} {1.0:19.2f}x")

        identical = True
        boundary = []
        for jobs in args.jobs:
            ours = twin(base, Path(tmp) / f"ours-{jobs}")
            ours_s = timed([sys.executable, "-m", "mlmath", "grade", args.assignment, "--jobs", str(jobs)], ours)
            same = all_scores(ours, args.assignment) == expected
            identical = identical and same
            print(f"{f'mlmath grade --jobs {jobs}':34} {ours_s:8.1f} {ours_s / n:11.2f} {stock_s / ours_s:19.2f}x"
                  f"{'' if same else '   SCORES DIFFER'}")
            boundary.append(boundary_cost(ours, args.assignment))
        calls = sum(c for c, _, _ in boundary)
        if calls:
            seconds = sum(s for _, s, _ in boundary)
            print(f"\nthe boundary: {calls} calls from the test kernel into the students' kernels, "
                  f"{1000 * seconds / calls:.2f} ms per call (round trip, the answer's own work included); "
                  f"{sum(r for _, _, r in boundary)} notebook(s) run again in full")
        print(f"\nscores identical to stock nbgrader: {'yes' if identical else 'NO'} "
              f"({len(expected)} grades of {n} submissions)")
        return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
