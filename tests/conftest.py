"""Fixtures shared by the course's tests: the real course, and one scratch copy of it graded once per run
with `mlmath grade` (generate_assignment, then the autograding of a few known submissions)."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from mlmath import nbgrader_cli, notebooks
from mlmath.course import Course, find_root
from mlmath.selfcheck import BLANK, REFERENCE, submit

# Every kernel the tests start outside the sandbox (Run All, nbgrader validate, the browser's JupyterLab) would
# share the user's IPython profile, whose history is one SQLite file that each kernel writes as it runs: each
# pytest-xdist worker gets a profile folder of its own instead (and the user's is left alone).
os.environ["IPYTHONDIR"] = tempfile.mkdtemp(prefix="mlmath-tests-ipython-")
atexit.register(shutil.rmtree, os.environ["IPYTHONDIR"], True)

ROOT = find_root(Path(__file__).parent)
COURSE = Course(ROOT)
ASSIGNMENTS = COURSE.assignments()

def mlmath(course: Course, *args: str, **kwargs) -> subprocess.CompletedProcess:
    """Run the real `mlmath ARGS...` in the course root, output captured as text."""
    return subprocess.run([sys.executable, "-m", "mlmath", *args], cwd=course.root, env=nbgrader_cli.environment(),
                          capture_output=True, text=True, **kwargs)


#: A student who submitted the reference solution (nbgrader's cells) with two independent changes, each checked by
#: its own tests: one hidden test cell deleted (DELETED_TEST), and a correct answer that prints a warning to stderr
#: every time a test calls it (STDERR_WARNING). One student, not two: each graded notebook costs the suite seconds.
EDITED = DELETED_TEST = STDERR_WARNING = "edited"
#: Every student of the shared graded course.
GRADED_STUDENTS = (REFERENCE, BLANK, EDITED)


def uses_shared_graded_course(item) -> bool:
    """Whether a test uses this file's session fixture `graded` (not a module's own fixture of that name)."""
    definitions = getattr(item, "_fixtureinfo", None) and item._fixtureinfo.name2fixturedefs.get("graded")
    return bool(definitions) and definitions[-1].func is graded.__wrapped__


HIDDEN_REGION = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def hidden_lines(source_nb, min_length: int = 4) -> set[str]:
    """Lines (stripped, at least `min_length` characters) of the hidden test regions that appear nowhere
    outside such regions, not even as part of a longer public line: what must never be shown to a student."""
    hidden, public = set(), set()
    for cell in source_nb.cells:
        for region in HIDDEN_REGION.findall(cell.source):
            hidden.update(line.strip() for line in region.splitlines())
        public.update(line.strip() for line in HIDDEN_REGION.sub("", cell.source).splitlines())
    public_text = "\n".join(public)
    return {line for line in hidden - public if len(line) >= min_length and line not in public_text}


def grade_written(course: Course, assignment: str, student: str, score: float, comment: str) -> str:
    """Grade a submission's written answer by hand, as the Formgrader does; the grade's name."""
    from nbgrader.api import Gradebook

    with Gradebook(course.gradebook_url) as gb:
        nb = gb.find_submission(assignment, student).notebooks[0]
        grade = next(g for g in nb.grades if g.cell_type == "markdown")
        grade.manual_score = score
        grade.needs_manual_grade = False
        next(c for c in nb.comments if c.name == grade.name).manual_comment = comment
        gb.db.commit()
        return grade.name


def pytest_configure(config):
    """pytest-xdist sorts groups by their number of tests unless told not to (--no-loadscope-reorder): keep the
    order of LONGEST_GROUPS (see pytest_collection_modifyitems)."""
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    """Groups for `pytest -n N --dist loadgroup`: the tests that share the graded course run in one process (a
    session fixture is made once per process), the answer bank one group per assignment, any other file
    whole (its module fixtures are made once)."""
    assert ASSIGNMENTS, f"no assignments found in {COURSE.source}"
    groups = {}
    for item in items:
        if uses_shared_graded_course(item):
            group = "graded"
        elif item.get_closest_marker("bank") and hasattr(item, "callspec"):
            group = f"bank-{item.callspec.params.get('assignment')}"
        else:
            group = SHARED_GROUPS.get(item.module.__name__, item.module.__name__)
        item.add_marker(pytest.mark.xdist_group(group))
        groups[item.nodeid] = group
    # Longest groups first: pytest-xdist hands out groups in this order as workers free up (pytest_configure
    # above keeps it from reordering them), so that no long group starts last while the other workers idle: a
    # single-test group such as a bank's used to come last (about 3 minutes of one worker alone, measured).
    first = {group: rank for rank, group in enumerate(LONGEST_GROUPS)}
    items.sort(key=lambda item: first.get(groups[item.nodeid], len(first)))


#: Modules that share a session fixture (the PostgreSQL server, the SQLite twin) run in one group.
SHARED_GROUPS = {"test_postgres_gradebook": "postgres", "test_cluster_grading": "postgres"}

#: The groups that take longest, longest first (pytest --durations of the whole suite, 2026-12-02, after ch1's
#: grading was halved): run first (see above).
LONGEST_GROUPS = ("graded", "test_sandbox", "test_grading_batch", "bank-ch4_housing_regression", "test_demo",
                  "test_run_all", "postgres", "bank-ch2_gradient_descent", "bank-ch1_dot_products", "test_hardening",
                  "test_collect", "test_grading_paths", "bank-ch3_gaussian_mle", "test_answer_bank", "bank-ch5_beyond",
                  "test_grading_roundtrip")


def pytest_collection_finish(session):
    """Under `--dist loadgroup` each worker must see the groups above in its tests' ids (pytest-xdist appends
    "@group"); if not, xdist hands out single tests and every module fixture is made again on both workers
    (pytest 9.2 with pytest-xdist 3.8 silently did this: pytest-xdist#1386, hence pytest 9.1.1 pinned)."""
    if getattr(session.config.option, "loadgroup", False):
        ungrouped = [item.nodeid for item in session.items if "@" not in item.nodeid.rsplit("]", 1)[-1]]
        if ungrouped:
            raise pytest.UsageError(f"pytest-xdist did not group {len(ungrouped)} tests by xdist_group (first: "
                                    f"{ungrouped[0]}): check the pytest and pytest-xdist pins")


@pytest.fixture(scope="session")
def course() -> Course:
    return COURSE


def first_hidden_test(nb) -> str:
    return next(notebooks.grade_id(c) for c in notebooks.test_cells(nb) if "__hidden" in notebooks.grade_id(c))


def warning_wrapper(function: str) -> str:
    """A cell that makes `function` print a harmless warning to stderr on every call, then answer correctly."""
    return (
        "import sys\n"
        f"_correct_{function} = {function}\n\n"
        f"def {function}(*args, **kwargs):\n"
        "    print('UserWarning: a harmless warning', file=sys.stderr)\n"
        f"    return _correct_{function}(*args, **kwargs)\n"
    )


@dataclass
class GradedCourse:
    """A scratch course where every assignment was generated and then autograded for three known students."""

    course: Course
    deleted: dict[str, str]  # assignment -> grade_id of the test cell the DELETED_TEST student removed

    def scores(self, assignment: str, student: str) -> dict[str, nbgrader_cli.CellScore]:
        return nbgrader_cli.scores(self.course, assignment, student)


@pytest.fixture(scope="session")
def graded(tmp_path_factory) -> GradedCourse:
    scratch = COURSE.scratch_copy(tmp_path_factory.mktemp("course"), with_release=False)
    deleted = {}
    mlmath(scratch, "release", check=True)  # as an instructor does: nbgrader's generate_assignment for each
    for assignment in ASSIGNMENTS:
        submit(scratch, REFERENCE, assignment, COURSE.source_notebook(assignment))
        submit(scratch, BLANK, assignment, COURSE.release_notebook(assignment))  # the committed release

        # The reference runs the whole lesson; EDITED changes two things about it, in nbgrader's cells only.
        nb = notebooks.read_nbgrader_cells(COURSE.source_notebook(assignment))
        deleted[assignment] = first_hidden_test(nb)
        nb.cells = [c for c in nb.cells if notebooks.grade_id(c) != deleted[assignment]]
        function = notebooks.graded_functions(nb)[0]
        at = nb.cells.index(notebooks.cells_by_id(nb)[function]) + 1
        nb.cells.insert(at, nbformat.v4.new_code_cell(warning_wrapper(function)))
        notebooks.write(nb, scratch.submitted_notebook(EDITED, assignment))
        # mlmath grade, as a TA grades (the sandbox, the course's own limits); plain `nbgrader autograde`, which
        # the course's configuration also makes safe, is tested in test_grading_paths.
        mlmath(scratch, "grade", assignment, "--jobs", "1", check=True, timeout=900)
    return GradedCourse(scratch, deleted)


def every_step(course: Course, postgres) -> dict[str, subprocess.CompletedProcess]:
    """tests/small_class.py's class through every step of the pipeline on `course`, each step's output kept."""
    from small_class import ASSIGNMENT, make_class

    runs = {}
    for step in [("release", ASSIGNMENT), ("grade", ASSIGNMENT, "--jobs", "2"), ("feedback", ASSIGNMENT),
                 ("report", ASSIGNMENT), ("export", "--output", str(course.root / "exports"))]:
        runs[step[0]] = proc = mlmath(course, *step)
        assert proc.returncode == 0, f"mlmath {' '.join(step)}:\n{proc.stdout}\n{proc.stderr}"
        if step[0] == "release":
            make_class(course, str(postgres.folder / ".s.PGSQL.5432"))
    return runs


@pytest.fixture(scope="session")
def sqlite_twin(tmp_path_factory, postgres) -> tuple[Course, dict[str, subprocess.CompletedProcess]]:
    """tests/small_class.py's class through every step on a course with the default SQLite gradebook: the twin
    that the PostgreSQL and the Dask tests compare with (both run in one pytest-xdist group, so it is made once)."""
    course = COURSE.scratch_copy(tmp_path_factory.mktemp("sqlite"), with_release=False)
    return course, every_step(course, postgres)


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server for the session (tests/pg_server.py); each test makes its own database.
    Without PostgreSQL installed the tests that use it are skipped, except in CI (CI=true), where `.ci/run`
    installs it and its absence is a failure."""
    import pg_server

    if pg_server.binaries() is None:
        message = "PostgreSQL is not installed (Debian: apt-get install -y postgresql; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = pg_server.start()
    yield server
    server.stop()
