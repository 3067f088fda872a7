"""Benchmark: how long `mlmath demo` (the README's main job, `make demo`) takes, step by step.

    .venv/bin/python benchmarks/demo_time.py [--students N] [--jobs N] [--keep]

Runs the real `mlmath demo` in a scratch folder, timestamps each step as the demo announces it (its
"$ command" and "# what happens" lines) and prints the wall time of every step, of each kind of step over all
assignments, and in total, with the machine and its load. Prints figures; asserts no timing (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from grade_speed import machine

from mlmath import nbgrader_cli
from mlmath.course import Course


def run_demo(course: Course, where: Path, extra: list[str]) -> tuple[list[tuple[str, float]], float, int, str]:
    """Run the demo; return each step with its seconds, the total seconds, the exit status and the output's
    last lines."""
    command = [sys.executable, "-m", "mlmath", "demo", "--dir", str(where), *extra]
    started = time.monotonic()
    steps: list[tuple[str, float]] = []  # (step, started at)
    tail: list[str] = []
    with subprocess.Popen(command, cwd=course.root, env=nbgrader_cli.environment(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True) as proc:
        for line in proc.stdout:
            if line.startswith(("$ ", "# ")):  # a command, or the demo making the class's LMS download
                steps.append((line[2:].strip(), time.monotonic()))
            tail = (tail + [line.rstrip()])[-12:]
    total = time.monotonic() - started
    ends = [at for _, at in steps[1:]] + [started + total]
    return [(name, end - at) for (name, at), end in zip(steps, ends, strict=True)], total, proc.returncode, \
        "\n".join(tail)


def kind(step: str) -> str:
    """`mlmath grade ch1_dot_products` -> `mlmath grade`; the demo making a class's LMS download -> one kind."""
    return "the class hands in (the demo makes the download)" if step.startswith("the class") else \
        " ".join(step.split()[:2])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=None, help="default: the demo's default")
    parser.add_argument("--jobs", type=int, default=None, help="default: the demo's (one per core)")
    parser.add_argument("--keep", action="store_true", help="keep the demo course (its path is printed)")
    args = parser.parse_args()
    extra = (["--students", str(args.students)] if args.students else []) + \
        (["--jobs", str(args.jobs)] if args.jobs else [])

    tmp = tempfile.mkdtemp(prefix="mlmath-demo-time-")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    steps, total, status, tail = run_demo(Course.here(), Path(tmp) / "demo", extra)
    print(f"machine: {machine()}; load average before the run {load:.2f}")
    print(f"mlmath demo {' '.join(extra)} exited {status}\n")
    print(f"{'step':<64} {'seconds':>8}")
    for name, seconds in steps:
        print(f"{name[:64]:<64} {seconds:8.1f}")
    by_kind: dict[str, float] = defaultdict(float)
    for name, seconds in steps:
        by_kind[kind(name)] += seconds
    print(f"\n{'kind of step (all assignments)':<64} {'seconds':>8}")
    for name, seconds in by_kind.items():
        print(f"{name:<64} {seconds:8.1f}")
    print(f"{'start-up (before the first step)':<64} {total - sum(by_kind.values()):8.1f}")
    print(f"{'total (wall)':<64} {total:8.1f}")
    if status:
        print(f"\nthe demo failed; its last lines:\n{tail}")
    if args.keep:
        print(f"\ndemo course kept in {tmp}/demo")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
