"""Benchmark: grading on a Dask cluster against the local process pool, on this machine.

    .venv/bin/python benchmarks/cluster_speed.py [--students 12] [--assignment ch1_dot_products] [--workers 1 2]

(The LocalCluster's workers are this script's children: their kernels' start-up banners and nbgrader's warnings
go to its stderr; the figures go to stdout.)

Builds one class of mixed submissions (right, partly wrong, stubs, blank: the demo's generator, as
`grade_speed.py`), copies it into one scratch course per way of grading, and grades each copy with the real
`mlmath grade ASSIGNMENT`:

- `--jobs N`, the local process pool (the default), for each N of --workers;
- `--cluster` on a Dask `LocalCluster` of N single-threaded worker processes started by this script (what an
  embedded default on one mechanism would be), for each N;
- `--cluster` on a `dask scheduler` with N `dask worker` processes (single-threaded, no nanny) started as a
  course would start them on other machines, for each N.

It checks that every score is identical to the first run's, and prints the wall time, the seconds per notebook
and each one's cost against `--jobs N`; for the cluster runs also the mean seconds a worker took to grade a
notebook and the mean seconds the client took to record one (`mlmath grade` records the returned notebooks one
at a time, as they arrive: the one serial step), from the run's log, and from those a worked estimate of the
wall time of 10,000 notebooks on N machines of M cores. Prints figures; asserts no timing. Run it alone on the machine
(`flock /tmp/heavy.lock ...` on a shared one): the cluster's processes and the pool share its cores.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from grade_speed import all_scores, machine, make_class, twin

from mlmath import nbgrader_cli
from mlmath.course import Course


def timed(course: Course, assignment: str, how: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mlmath", "grade", assignment, *how], cwd=course.root,
                          env=nbgrader_cli.environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
    return time.perf_counter() - started, proc.returncode


RECORDED = re.compile(r"recorded here in ([0-9.]+) s \(graded on .* in ([0-9.]+) s\)")


def cluster_figures(course: Course) -> tuple[float, float]:
    """(mean seconds to record a notebook on the client, mean seconds a worker graded one) from the run's log."""
    found = [tuple(map(float, m.groups())) for log in (course.autograded / ".mlmath" / "logs").glob("grade-*.log")
             for m in RECORDED.finditer(log.read_text())]
    if not found:
        return float("nan"), float("nan")
    return sum(r for r, _ in found) / len(found), sum(g for _, g in found) / len(found)


def estimate(record_s: float, grade_s: float, notebooks: int = 10_000) -> list[str]:
    """Wall time of `notebooks` on N machines of M cores: the workers' share, or the client's recording if slower."""
    lines = []
    for machines, cores in ((1, 2), (1, 16), (4, 16), (10, 16), (25, 32)):
        workers = notebooks * grade_s / (machines * cores)
        client = notebooks * record_s
        bound = "the workers" if workers >= client else "the client's recording"
        lines.append(f"  {machines:>3} machine(s) x {cores:>2} cores: {max(workers, client) / 3600:6.2f} h "
                     f"(workers {workers / 3600:.2f} h, client {client / 3600:.2f} h: bound by {bound})")
    return lines


@contextmanager
def local_cluster(workers: int):
    from distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@contextmanager
def dask_cli_cluster(workers: int, folder: Path):
    """`dask scheduler` and `dask worker` processes, as on several machines (here all on this one)."""
    program = os.path.join(os.path.dirname(sys.executable), "dask")
    folder.mkdir(parents=True)
    file = folder / "scheduler.json"

    def start(*args: str) -> subprocess.Popen:
        return subprocess.Popen([program, *args], cwd=folder, env=nbgrader_cli.environment(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    procs = [start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file",
                   str(file))]
    try:
        while not file.is_file():
            time.sleep(0.2)
        address = json.loads(file.read_text())["address"]
        procs += [start("worker", address, "--name", f"w{i}", "--nthreads", "1", "--no-nanny", "--no-dashboard",
                        "--local-directory", str(folder / f"w{i}")) for i in range(workers)]
        from distributed import Client

        with Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)
        yield address
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=12)
    parser.add_argument("--assignment", default="ch1_dot_products")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    n, assignment = args.students, args.assignment

    with tempfile.TemporaryDirectory(prefix="mlmath-cluster-bench-") as tmp:
        base = Course.here().scratch_copy(Path(tmp) / "base")
        nbgrader_cli.run(base, "generate_assignment", assignment, "--force")
        make_class(base, assignment, n, args.seed)
        print(f"machine: {machine()}, load average {os.getloadavg()[0]:.2f} at the start")
        print(f"{n} submissions of {assignment} (mixed: right, partly wrong, stubs, blank)\n")
        print(f"{'grader':46} {'seconds':>8} {'s/notebook':>11} {'vs --jobs N':>12}")

        expected = None
        identical = True
        pool: dict[int, float] = {}

        figures: list[tuple[str, float, float]] = []

        def report(label: str, course: Course, seconds: float, status: int, workers: int) -> None:
            nonlocal expected, identical
            scores = all_scores(course, assignment)
            expected = scores if expected is None else expected
            same = status == 0 and scores == expected
            identical = identical and same
            against = f"{seconds / pool[workers]:11.2f}x" if workers in pool else f"{'':12}"
            print(f"{label:46} {seconds:8.1f} {seconds / n:11.2f} {against}"
                  f"{'' if same else f'   SCORES DIFFER (exit {status})'}", flush=True)
            if "--cluster" in label:
                figures.append((label, *cluster_figures(course)))

        for workers in args.workers:
            course = twin(base, Path(tmp) / f"pool-{workers}")
            seconds, status = timed(course, assignment, ["--jobs", str(workers)])
            pool[workers] = seconds
            report(f"mlmath grade --jobs {workers} (local pool)", course, seconds, status, workers)
        for workers in args.workers:
            with local_cluster(workers) as address:
                course = twin(base, Path(tmp) / f"localcluster-{workers}")
                seconds, status = timed(course, assignment, ["--cluster", address])
            report(f"--cluster, LocalCluster of {workers} worker(s)", course, seconds, status, workers)
        for workers in args.workers:
            with dask_cli_cluster(workers, Path(tmp) / f"dask-{workers}") as address:
                course = twin(base, Path(tmp) / f"scheduler-{workers}")
                seconds, status = timed(course, assignment, ["--cluster", address])
            report(f"--cluster, dask scheduler + {workers} dask worker(s)", course, seconds, status, workers)
        print(f"\nscores identical in every run: {'yes' if identical else 'NO'}\n")
        print(f"{'cluster run':46} {'record (client) s/nb':>21} {'grade (worker) s/nb':>20}")
        for label, record_s, grade_s in figures:
            print(f"{label:46} {record_s:21.2f} {grade_s:20.2f}")
        one = [(r, g) for label, r, g in figures if "dask worker" in label]
        if one:
            record_s, grade_s = one[0]
            print(f"\n10,000 notebooks of {assignment}, from the first dask-worker run's figures "
                  f"({grade_s:.2f} s per notebook on a worker core, {record_s:.2f} s to record one on the client):")
            print("\n".join(estimate(record_s, grade_s)))
        shutil.rmtree(Path(tmp), ignore_errors=True)
        return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
