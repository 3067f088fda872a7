"""`mlmath grade --cluster`: a class graded on a real Dask cluster started by the test (a `dask scheduler` and
two `dask worker` processes on this machine, no shared state with the client but what the tasks carry) into a
PostgreSQL gradebook gets the same scores as local grading into SQLite; a worker killed mid-run loses nothing
and records nothing twice; a second run grades only what changed; a scheduler that goes away stops the run
with a clear message; a TA's manual grades saved through nbgrader's gradebook API (what the Formgrader's
"save" does) while a cluster batch writes into the same PostgreSQL gradebook survive, and so do the batch's."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import COURSE, mlmath
from small_class import ASSIGNMENT, STUDENTS, graded_view, make_class

from mlmath import nbgrader_cli
from mlmath.grading import records

pytestmark = pytest.mark.slow  # starts kernels


def dask(*args: str, cwd) -> subprocess.Popen:
    program = os.path.join(os.path.dirname(sys.executable), "dask")
    return subprocess.Popen([program, *args], cwd=cwd, env=nbgrader_cli.environment(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


class Cluster:
    """A scheduler and named workers (no nanny: a killed worker stays dead), all on this machine."""

    def __init__(self, folder):
        self.folder = folder
        self.file = folder / "scheduler.json"
        self.killed: list[subprocess.Popen] = []
        self.scheduler = dask("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                              "--scheduler-file", str(self.file), cwd=folder)
        deadline = time.monotonic() + 60
        while not self.file.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        self.address = json.loads(self.file.read_text())["address"]
        self.workers = {name: self.start_worker(name) for name in ("w1", "w2")}
        self.wait_for(2)

    def start_worker(self, name: str) -> subprocess.Popen:
        return dask("worker", self.address, "--name", name, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                    "--local-directory", str(self.folder / name), cwd=self.folder)

    def client(self):
        from distributed import Client

        return Client(self.address, timeout=30, set_as_default=False)

    def wait_for(self, n: int) -> None:
        with self.client() as client:
            client.wait_for_workers(n, timeout=120)

    def stop(self) -> None:
        for proc in [*self.workers.values(), *self.killed, self.scheduler]:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            for copy in Path(tempfile.gettempdir()).glob(f"mlmath-cluster/{proc.pid}-*"):  # a killed worker's
                shutil.rmtree(copy, ignore_errors=True)

    def kill(self, name: str) -> None:
        """Kill a worker at once (SIGKILL, as when its machine is lost)."""
        os.killpg(self.workers[name].pid, signal.SIGKILL)
        self.killed.append(self.workers[name])


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    started = Cluster(tmp_path_factory.mktemp("dask"))
    yield started
    started.stop()


@pytest.fixture(scope="module")
def graded_on_cluster(tmp_path_factory, postgres, cluster, sqlite_twin):
    """The class graded on the cluster into PostgreSQL, and locally into SQLite (conftest's `sqlite_twin`, graded
    with `-j 2`)."""
    url = postgres.create_database("cluster")
    on_cluster = COURSE.scratch_copy(tmp_path_factory.mktemp("cluster"), with_release=False, db_url=url)
    proc = mlmath(on_cluster, "release", ASSIGNMENT)
    assert proc.returncode == 0, proc.stderr
    make_class(on_cluster, str(postgres.folder / ".s.PGSQL.5432"))
    runs = {"cluster": mlmath(on_cluster, "grade", ASSIGNMENT, "--cluster", cluster.address)}
    assert runs["cluster"].returncode == 0, f"cluster:\n{runs['cluster'].stdout}\n{runs['cluster'].stderr}"
    local, steps = sqlite_twin
    runs["local"] = steps["grade"]
    return on_cluster, local, runs


def test_the_cluster_grades_exactly_as_local_grading(graded_on_cluster, postgres):
    on_cluster, local, runs = graded_on_cluster
    assert "on the Dask cluster at tcp://127.0.0.1:" in runs["cluster"].stderr, runs["cluster"].stderr
    assert graded_view(on_cluster) == graded_view(local)
    assert ({s: r.status for s, r in records.load(on_cluster, ASSIGNMENT).items()}
            == {s: r.status for s, r in records.load(local, ASSIGNMENT).items()})
    for student in STUDENTS:  # the client wrote the graded notebooks
        assert on_cluster.autograded_notebook(student, ASSIGNMENT).is_file()
    assert not list(on_cluster.root.rglob("*.db"))
    assert not (on_cluster.autograded / ".mlmath" / "cluster").exists() or not any(
        (on_cluster.autograded / ".mlmath" / "cluster").iterdir())
    rows = postgres.query("cluster", "SELECT student_id FROM submitted_assignment ORDER BY student_id")
    assert [r[0] for r in rows] == sorted(STUDENTS)


def test_a_second_run_grades_only_what_changed(graded_on_cluster, cluster):
    on_cluster, _, _ = graded_on_cluster
    again = mlmath(on_cluster, "grade", ASSIGNMENT, "--cluster", cluster.address)
    assert again.returncode == 0 and "unchanged since last run 3" in again.stdout, again.stdout + again.stderr


def test_a_killed_worker_loses_nothing_and_records_nothing_twice(graded_on_cluster, cluster, postgres):
    on_cluster, local, _ = graded_on_cluster
    proc = subprocess.Popen([sys.executable, "-m", "mlmath", "grade", ASSIGNMENT, "--force", "--cluster",
                             cluster.address], cwd=on_cluster.root, env=nbgrader_cli.environment(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = None
    with cluster.client() as client:
        deadline = time.monotonic() + 300
        while killed is None and time.monotonic() < deadline and proc.poll() is None:
            busy = {info["name"] for address, info in client.scheduler_info()["workers"].items()
                    if any(key.startswith("mlmath-grade-") for key in client.processing().get(address, ()))}
            if busy:
                killed = sorted(busy)[0]
                cluster.kill(killed)
            time.sleep(0.2)
    out, err = proc.communicate(timeout=600)
    assert killed, "no worker was seen grading"
    assert proc.returncode == 0, out + err
    assert "graded 3" in out and f"{len(STUDENTS)}/{len(STUDENTS)} " in err and "4/" not in err, out + err
    assert graded_view(on_cluster) == graded_view(local)
    rows = postgres.query("cluster", "SELECT count(*) FROM submitted_assignment")
    assert rows == [(len(STUDENTS),)]
    cluster.workers[killed] = cluster.start_worker(killed)  # for the tests after this one
    cluster.wait_for(2)


def written_grade(gb, student: str):
    nb = gb.find_submission(ASSIGNMENT, student).notebooks[0]
    grade = next(g for g in nb.grades if g.cell_type == "markdown")
    return grade, next(c for c in nb.comments if c.name == grade.name)


def autograded_view(course) -> dict:
    return {s: {g: c.score for g, c in nbgrader_cli.scores(course, ASSIGNMENT, s).items() if c.autograded}
            for s in STUDENTS}


def test_a_ta_grades_by_hand_while_a_cluster_batch_writes(graded_on_cluster, cluster):
    """This test's process is the TA: it saves the written answers' scores and comments round after round, as the
    Formgrader's "save" does (nbgrader's Gradebook API: set the grade's manual score and the comment, commit),
    while `mlmath grade --force --cluster` records the class into the same PostgreSQL gradebook. Some of the TA's
    commits fall between two of the batch's records (the records file is rewritten after each submission, as it
    arrives); the TA's last round and every autograded score are what the gradebook holds at the end."""
    from nbgrader.api import Gradebook

    on_cluster, local, _ = graded_on_cluster
    records_file = records.path(on_cluster, ASSIGNMENT)
    before = records_file.stat().st_mtime_ns
    proc = subprocess.Popen([sys.executable, "-m", "mlmath", "grade", ASSIGNMENT, "--force", "--cluster",
                             cluster.address], cwd=on_cluster.root, env=nbgrader_cli.environment(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    events: list[str] = []  # "batch" (a record saved) and "ta" (a round of manual grades committed), in order
    seen, last = before, {}
    with Gradebook(on_cluster.gradebook_url) as gb:
        round_ = 0
        while proc.poll() is None:
            round_ += 1
            for student in STUDENTS:
                grade, comment = written_grade(gb, student)
                grade.manual_score = 0.5 * (round_ % 5)
                grade.needs_manual_grade = False
                comment.manual_comment = f"round {round_}: {student}"
                gb.db.commit()
                last[student] = (0.5 * (round_ % 5), f"round {round_}: {student}")
            events.append("ta")
            mtime = records_file.stat().st_mtime_ns
            if mtime != seen:
                events.append("batch")
                seen = mtime
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, out + err
    assert "graded 3" in out, out + err
    batch = [i for i, e in enumerate(events) if e == "batch"]
    assert len(batch) >= 2 and "ta" in events[batch[0]:batch[-1]], f"no manual grade amid the batch's: {events}"
    with Gradebook(on_cluster.gradebook_url) as gb:
        for student in STUDENTS:
            grade, comment = written_grade(gb, student)
            assert (grade.manual_score, comment.manual_comment) == last[student], student
    assert autograded_view(on_cluster) == autograded_view(local)


def test_a_scheduler_that_goes_away_stops_the_run_clearly(graded_on_cluster, cluster):
    on_cluster, _, _ = graded_on_cluster
    before = records.load(on_cluster, ASSIGNMENT)
    proc = subprocess.Popen([sys.executable, "-m", "mlmath", "grade", ASSIGNMENT, "--force", "--cluster",
                             cluster.address], cwd=on_cluster.root, env=nbgrader_cli.environment(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with cluster.client() as client:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not any(client.processing().values()):
            time.sleep(0.2)
    os.killpg(cluster.scheduler.pid, signal.SIGKILL)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 3, out + err
    assert f"lost the connection to the Dask scheduler at {cluster.address}" in err, err
    assert "run again to grade the rest" in err and "Traceback" not in out + err, out + err
    assert set(records.load(on_cluster, ASSIGNMENT)) == set(before)  # the records file is whole


def test_no_scheduler_is_a_clear_error(graded_on_cluster):
    on_cluster, _, _ = graded_on_cluster
    with open(on_cluster.root / "course_config.py", "a") as config:
        config.write("\nc.MlmathGrade.cluster_timeout = 3\n")
    proc = mlmath(on_cluster, "grade", ASSIGNMENT, "--force", "--cluster", "tcp://127.0.0.1:9")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr, proc.stderr
