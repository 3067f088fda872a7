"""Every grading path is the safe one: plain `nbgrader autograde` and `nbgrader generate_feedback`, and
nbgrader's Python API that the Formgrader's "Autograde" and "Generate Feedback" buttons call, grade through the
sandbox and the trusted test kernel (course_config.py applies mlmath/grading/pipeline.py) and write no hidden
test into what a student can see."""

from __future__ import annotations

import html

import pytest
from conftest import COURSE, hidden_lines

from mlmath import nbgrader_cli, notebooks
from mlmath.course import Course
from mlmath.formgrader.view import LABEL

pytestmark = pytest.mark.slow  # starts kernels: not in `make test-fast`

ASSIGNMENT = "ch1_dot_products"
WRONG_DOT = "def dot(x, y):\n    return 0.0\n"
# A wrong dot that makes the test cell report a score of its own choosing (nbgrader reads a displayed number as
# the cell's score), and tries to read the gradebook, which its sandbox hides.
ATTACK = '''
import sys
def dot(x, y):
    sys.displayhook(-1)
    try:
        open({gradebook!r}, "rb").read(10)
        print("ESCAPED")
    except OSError:
        pass
    return 0.0
'''
STUDENTS = ("cli_wrong", "cli_attack", "api_wrong", "api_attack")


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    """A class graded half by the nbgrader command line and half by nbgrader's API, then given feedback the
    same two ways."""
    course = COURSE.scratch_copy(tmp_path_factory.mktemp("paths"))
    nbgrader_cli.run(course, "generate_assignment", ASSIGNMENT, "--force")
    # nbgrader's cells of the reference (answers, tests, setup, the written answer), as the sandbox's attacks: the
    # lesson's cells would add grading time and nothing to what these tests check
    for student in STUDENTS:
        nb = notebooks.read_nbgrader_cells(course.source_notebook(ASSIGNMENT))
        body = ATTACK.format(gradebook=str(course.root / "gradebook.db")) if "attack" in student else WRONG_DOT
        notebooks.cells_by_id(nb)["dot"].source = body
        notebooks.write(nb, course.submitted_notebook(student, ASSIGNMENT))
    notebooks.write(notebooks.read_nbgrader_cells(course.source_notebook(ASSIGNMENT)),
                    course.submitted_notebook("cli_reference", ASSIGNMENT))
    nbgrader_cli.run(course, "autograde", ASSIGNMENT, "--student", "cli_*")  # a glob: the three cli_ students
    api_calls(course)
    nbgrader_cli.run(course, "generate_feedback", ASSIGNMENT, "--student", "cli_[aw]*")  # cli_attack, cli_wrong
    return course


def api_calls(course: Course) -> None:
    """What the Formgrader's buttons do: NbGraderAPI.autograde and .generate_feedback, configured from the course
    root as the Formgrader is."""
    import subprocess
    import sys

    program = (
        "from nbgrader.apps.api import NbGraderAPI\n"
        "from nbgrader.coursedir import CourseDirectory\n"
        "from traitlets.config.loader import PyFileConfigLoader\n"
        "config = PyFileConfigLoader('nbgrader_config.py', path='.').load_config()\n"
        "api = NbGraderAPI(CourseDirectory(config=config), config=config)\n"
        "for student in ('api_wrong', 'api_attack'):\n"
        f"    assert api.autograde({ASSIGNMENT!r}, student, force=True, create=True)['success']\n"
        f"    assert api.generate_feedback({ASSIGNMENT!r}, student, force=True)['success']\n"
    )
    subprocess.run([sys.executable, "-c", program], cwd=course.root, env=nbgrader_cli.environment(), check=True,
                   capture_output=True, timeout=900)


def scores(course: Course, student: str) -> dict[str, float]:
    return {g: s.score for g, s in nbgrader_cli.scores(course, ASSIGNMENT, student).items() if s.autograded}


@pytest.mark.parametrize("path", ["cli", "api"])
def test_the_tests_ran_in_the_trusted_test_kernel(paths, path):
    nb = notebooks.read(paths.autograded_notebook(f"{path}_attack", ASSIGNMENT))
    marks = {notebooks.verdict_by(cell) for cell in notebooks.test_cells(nb)}
    assert marks == {notebooks.TEST_KERNEL}


@pytest.mark.parametrize("path", ["cli", "api"])
def test_an_attack_earns_what_the_same_wrong_answer_earns(paths, path):
    control = scores(paths, f"{path}_wrong")
    assert 0 < sum(control.values()) < sum(scores(paths, "cli_reference").values())
    assert scores(paths, f"{path}_attack") == control


@pytest.mark.parametrize("path", ["cli", "api"])
def test_the_answers_kernel_was_sandboxed(paths, path):
    nb = notebooks.read(paths.autograded_notebook(f"{path}_attack", ASSIGNMENT))
    assert "ESCAPED" in notebooks.cells_by_id(nb)["dot"].source  # the attempt was graded...
    assert "ESCAPED" not in str([cell.get("outputs") for cell in nb.cells])  # ...and failed


@pytest.mark.parametrize("student", ["cli_wrong", "cli_attack", "api_wrong", "api_attack"])
def test_feedback_from_nbgrader_shows_no_hidden_test_and_keeps_mlmaths_page(paths, student):
    folder = paths.root / "feedback" / student / ASSIGNMENT
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".html") == [f"{ASSIGNMENT}.html", "feedback.html"]
    lines = hidden_lines(notebooks.read(COURSE.source_notebook(ASSIGNMENT)), min_length=25)
    assert len(lines) > 20
    for page in folder.glob("*.html"):
        text = html.unescape(page.read_text())
        assert not [line for line in lines if line in text], page.name
        assert "Traceback (most recent call last)" not in text
        # (these students' written answer is the source's model answer: only the graders' box is looked for)
        assert LABEL not in text and "mlmath-for-graders" not in text, f"{page.name} shows the graders' rubric box"
    assert "hidden_random" in (folder / "feedback.html").read_text()


def test_stock_grading_is_only_set_up_on_purpose(tmp_path):
    """The line that the benchmark and the twin-course test append is what makes a course grade as stock."""
    from traitlets.config.loader import PyFileConfigLoader

    from mlmath.grading import pipeline

    course = COURSE.scratch_copy(tmp_path / "course", with_release=False)
    ours = PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config()
    assert ours.Autograde.autograde_preprocessors[0] == "mlmath.trusted.execute.TrustedExecute"
    with open(course.root / "course_config.py", "a") as config:
        config.write(pipeline.STOCK_LINE)
    stock = PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config()
    assert stock.Autograde.autograde_preprocessors[0].__name__ == "Execute"
