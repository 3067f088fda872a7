"""Hardening outside the kernel, with the real `mlmath grade` (sandboxed, two at a time) on a scratch course:
submission folders holding links, devices, FIFOs, sockets or too much are refused with the reason before
anything in them is read; a kernel cannot write to the host's disk (its socket folder is a small tmpfs);
output, metadata, error and display floods leave a small graded notebook and feedback page; a notebook that
lost its metadata is rebuilt and earns what the same answers earn with it. The batch finishes, the other
students' grades are unchanged and nothing outside the scratch course is left behind.
"""

from __future__ import annotations

import hashlib
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import COURSE, mlmath

from mlmath import nbgrader_cli, notebooks
from mlmath.course import Course
from mlmath.grading import records
from mlmath.sandbox import bubblewrap
from mlmath.selfcheck import submit

pytestmark = pytest.mark.slow  # starts kernels: not in `make test-fast`

A = "ch1_dot_products"
MIB = 1024 * 1024

FILLER = '''
import os
_wrote = {}
for _where in ("/run/mlmath/kernel", "/run/mlmath", "/run", "/", "/dev", "/home", "/tmp", "/dev/shm", "."):
    _done = 0
    try:
        for _n in range(4):  # a few files each, up to the size limit per file
            with open(f"{_where}/fill{_n}.bin", "wb") as _f:
                for _ in range(100):
                    _f.write(b"x" * 2**20)
                    _done += 1
    except OSError as _error:
        pass
    _wrote[_where] = _done
print("WROTE_MIB", _wrote)
'''

FLOODS = {
    "flood_outputs": "for _i in range(50_000):\n    display(_i)\n",
    "flood_metadata": ("for _i in range(200):\n"
                       "    display({'text/plain': 'x'}, raw=True, metadata={'m': 'y' * 2**20})\n"),
    "flood_display_update": ("_h = [display('x', display_id='same') for _ in range(500)]\n"
                             "for _ in range(20):\n    _h[0].update('u' * 2**20)\n"),
    "flood_tracebacks": ("for _ in range(100):\n    try:\n"
                         "        raise type('E' * 10**5, (ValueError,), {})('m' * 10**6)\n"
                         "    except ValueError:\n        get_ipython().showtraceback()\n"),
}

# a wrong dot that raises with a huge exception name and message at every call, and its control
HUGE_ERROR = ('def dot(x, y):\n    raise type("E" * 10**6, (ValueError,), {})("m" * 10**7)\n')
SMALL_ERROR = 'def dot(x, y):\n    raise ValueError("m")\n'


def with_cell(source_nb: Path, student_nb: Path, code: str, after: str = "principal_components") -> None:
    """The reference solution with one more code cell after the answer to `after`."""
    nb = notebooks.read(source_nb)
    at = nb.cells.index(notebooks.cells_by_id(nb)[after]) + 1
    nb.cells.insert(at, nbformat.v4.new_code_cell(code))
    notebooks.write(nb, student_nb)


def fresh_copy(course: Course) -> nbformat.NotebookNode:
    """The reference answers and the written answer copied into a new notebook: no nbgrader metadata at all."""
    source, release = notebooks.read(course.source_notebook(A)), notebooks.read(course.release_notebook(A))
    answers = [notebooks.cells_by_id(source)[f].source for f in notebooks.graded_functions(source)]
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import numpy as np"),
        *[nbformat.v4.new_code_cell(a) for a in answers],
        nbformat.v4.new_markdown_cell(notebooks.cells_by_id(release)["written_centring_prompt"].source),
        nbformat.v4.new_markdown_cell("Centring removes the mean, so the covariance measures spread."),
    ])


def make_class(course: Course, outside: Path, source: Path) -> dict[str, str]:
    """Every student, and what its refusal must say (students not listed are graded); `source` is the reference's
    notebook the students start from."""
    own = lambda student: course.submitted_notebook(student, A)  # noqa: E731
    for student in ("reference", "bystander"):
        submit(course, student, A, source)
    refused = {}

    def with_reference(student: str, reason: str) -> Path:
        submit(course, student, A, source)
        refused[student] = reason
        return own(student).parent

    (with_reference("link_gradebook", "data.db is a symbolic link") / "data.db").symlink_to(
        course.root / "gradebook.db")
    (with_reference("link_secret", "notes.txt is a symbolic link") / "notes.txt").symlink_to(outside / "secret")
    (with_reference("link_up", "up is a symbolic link") / "up").symlink_to("../../..")
    os.mkfifo(with_reference("fifo", "is a named pipe (FIFO)") / "pipe")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(with_reference("unix_socket", "is a socket") / "s"))
    server.close()
    if os.geteuid() == 0:
        os.mknod(with_reference("device", "zero is a device") / "zero", stat.S_IFCHR | 0o666, os.makedev(1, 5))
    with open(with_reference("big_file", "over the limit of 8 MiB") / "data.bin", "wb") as big:
        big.truncate(100 * MIB)  # sparse: takes no disk
    many = with_reference("many_files", "more than 200 files and folders")
    for number in range(250):
        (many / f"f{number}.txt").write_text("x")
    own("link_folder").parent.parent.mkdir(parents=True)
    own("link_folder").parent.symlink_to(own("reference").parent)
    refused["link_folder"] = f"link_folder/{A} is a symbolic link"
    own("link_notebook").parent.mkdir(parents=True)
    own("link_notebook").symlink_to(source)
    refused["link_notebook"] = f"{A}.ipynb is a symbolic link"

    with_cell(source, own("filler"), FILLER)
    for student, code in FLOODS.items():
        with_cell(source, own(student), code)
    for student, body in (("huge_error", HUGE_ERROR), ("small_error", SMALL_ERROR)):
        nb = notebooks.read(source)
        notebooks.cells_by_id(nb)["dot"].source = body
        notebooks.write(nb, own(student))
    notebooks.write(fresh_copy(course), own("fresh_copy"))
    notebooks.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('hello')")]),
                    own("fresh_nothing"))
    refused["fresh_nothing"] = "none of its cells matches an answer of the release"
    return refused


def tree(folder: Path) -> dict[str, int]:
    """Every file under `folder` with its size."""
    return {str(p.relative_to(folder)): p.lstat().st_size for p in folder.rglob("*") if not p.is_dir()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if bubblewrap.unavailable():
        pytest.fail(f"no sandbox on this machine: {bubblewrap.unavailable()}")
    base = tmp_path_factory.mktemp("hardening")
    course = COURSE.scratch_copy(base / "course")
    config = course.root / "course_config.py"
    config.write_text(config.read_text() + "\nc.MlmathLimits.file_mb = 8\nc.MlmathLimits.notebook_seconds = 120\n")
    nbgrader_cli.run(course, "generate_assignment", A, "--force")
    outside = base / "outside"  # the host: a root-only file, and the grader's temporary folders
    (outside / "tmp").mkdir(parents=True)
    (outside / "runtime").mkdir()
    (outside / "secret").write_text("the host's own secret")
    (outside / "secret").chmod(0o600)
    # The students start from nbgrader's cells of the reference (answers, tests, setup), as the sandbox's attacks
    # do: the lesson's cells would add grading time and nothing to what these tests check.
    reference = base / "reference.ipynb"
    notebooks.write(notebooks.read_nbgrader_cells(course.source_notebook(A)), reference)
    refused = make_class(course, outside, reference)
    protected = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in [config, course.source_notebook(A)]}
    before = tree(outside)
    env = {**nbgrader_cli.environment(), "TMPDIR": str(outside / "tmp"),
           "JUPYTER_RUNTIME_DIR": str(outside / "runtime")}
    run = subprocess.run([sys.executable, "-m", "mlmath", "grade", A, "--jobs", "2"], cwd=course.root, env=env,
                         capture_output=True, text=True, timeout=1800)
    for command in ("feedback", "report"):
        mlmath(course, command, A, check=True, timeout=600)
    return course, run, refused, protected, before, tree(outside), outside


def scores(course: Course, student: str) -> dict[str, float]:
    return {g: s.score for g, s in nbgrader_cli.scores(course, A, student).items() if s.autograded}


def test_the_batch_finishes_and_refuses_each_unsafe_folder_with_its_reason(graded):
    course, run, refused, *_ = graded
    saved = records.load(course, A)
    assert run.returncode == 1, run.stderr
    for student, words in refused.items():
        assert saved[student].status == records.FAILED and words in saved[student].reason, (student, saved[student])
        assert not course.autograded_notebook(student, A).exists()  # nbgrader never saw it
    graded_students = set(saved) - set(refused)
    assert {s: saved[s].status for s in graded_students if saved[s].status == records.FAILED} == {}


def test_nothing_outside_the_course_grows_and_nothing_is_left_behind(graded):
    course, _, _, protected, before, after, outside = graded
    assert after == before  # no scratch folder, socket or file of a kernel in TMPDIR or the runtime folder
    assert (outside / "secret").read_text() == "the host's own secret"
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in protected} == protected
    assert scores(course, "bystander") == scores(course, "reference")
    assert all(s > 0 for s in scores(course, "reference").values())


def test_a_kernel_cannot_fill_the_disk_through_its_socket_folder(graded):
    course, *_ = graded
    nb = notebooks.read(course.autograded_notebook("filler", A))
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if "WROTE_MIB" in o.get(
        "text", ""))
    wrote = eval(printed.split("WROTE_MIB", 1)[1].strip())  # {folder: MiB written}
    assert wrote["/run/mlmath/kernel"] <= 1, wrote  # a 1 MiB tmpfs
    assert all(wrote[f] == 0 for f in ("/run/mlmath", "/run", "/", "/dev", "/home")), wrote  # read-only
    assert all(wrote[f] <= 8 for f in ("/tmp", "/dev/shm", ".")), wrote  # the size-limited private folders
    assert scores(course, "filler") == scores(course, "reference")


@pytest.mark.parametrize("student", sorted(FLOODS))
def test_floods_leave_a_small_notebook_and_feedback_and_cost_no_points(graded, student):
    course, *_ = graded
    assert course.autograded_notebook(student, A).stat().st_size < 5 * MIB
    assert (course.root / "feedback" / student / A / "feedback.html").stat().st_size < MIB
    assert scores(course, student) == scores(course, "reference")


def test_a_huge_error_is_shortened_and_earns_what_a_small_one_earns(graded):
    course, *_ = graded
    assert course.autograded_notebook("huge_error", A).stat().st_size < 5 * MIB
    assert (course.root / "feedback" / "huge_error" / A / "feedback.html").stat().st_size < MIB
    assert scores(course, "huge_error") == scores(course, "small_error")
    assert scores(course, "small_error") != scores(course, "reference")


def test_a_notebook_that_lost_its_metadata_earns_what_the_same_answers_earn(graded):
    course, run, *_ = graded
    record = records.load(course, A)["fresh_copy"]
    assert record.status == records.GRADED, record
    assert scores(course, "fresh_copy") == scores(course, "reference")
    assert any(n.startswith("recovered:") and "dot, norm" in n for n in record.notes), record.notes
    assert "fresh_copy: recovered" in run.stdout
    original = notebooks.read(course.submitted_notebook("fresh_copy", A))
    assert not any(notebooks.nbgrader_meta(c) for c in original.cells)  # the student's file is as submitted
    written = notebooks.cells_by_id(notebooks.read(course.autograded_notebook("fresh_copy", A)))["written_centring"]
    assert written.source.startswith("Centring removes the mean")
