"""Which lesson cells a grading may leave out (mlmath.trusted.lessons)."""

from __future__ import annotations

import nbformat

from mlmath.trusted import lessons


def cell(source: str, **nbgrader) -> nbformat.NotebookNode:
    made = nbformat.v4.new_code_cell(source)
    if nbgrader:
        made.metadata["nbgrader"] = nbgrader
    return made


SETUP = cell("import numpy as np", locked=True, grade=False, solution=False, grade_id="setup")
ANSWER = cell("def dot(x, y):\n    return float(np.sum(np.asarray(x) * y))\n", solution=True, grade_id="dot")
PICTURE = "a = np.array([1.0, 2.0])\nprint(a @ a)\n"
USES_ANSWER = "print(dot([1, 2], [3, 4]))\n"
DEFINES_DATA = "data = np.arange(3)\n"
USES_DATA = "print(data.sum())\n"


def skippable(cells, tests=("check(dot([1], [2]))",)):
    return lessons.skippable(cells, {PICTURE, USES_ANSWER, DEFINES_DATA, USES_DATA}, list(tests))


def test_a_lesson_cell_that_touches_no_answer_is_left_out():
    assert skippable([SETUP, cell(PICTURE), ANSWER]) == {1}


def test_a_lesson_cell_that_calls_an_answer_runs():
    assert skippable([SETUP, ANSWER, cell(USES_ANSWER)]) == set()


def test_a_lesson_cell_the_student_changed_runs():
    assert skippable([SETUP, cell(PICTURE + "x = 1\n"), ANSWER]) == set()


def test_a_lesson_cell_whose_names_an_answer_or_a_test_reads_runs():
    reads_data = cell("def dot(x, y):\n    return float(np.sum(data))\n", solution=True, grade_id="dot")
    assert skippable([SETUP, cell(DEFINES_DATA), reads_data]) == set()
    assert skippable([SETUP, cell(DEFINES_DATA), ANSWER], tests=["check(dot(data, data))"]) == set()


def test_a_name_a_test_binds_itself_is_not_looked_up_in_the_students_kernel():
    own_data = "def total():\n    return data.sum()\ndata = np.arange(4)\ncheck(total() == 6)\n"
    assert lessons.looked_up(own_data) == {"np", "check"}
    assert skippable([SETUP, cell(DEFINES_DATA), ANSWER], tests=[own_data]) == {1}
    assert lessons.looked_up("def total():\n    return data.sum()\n") == {"data"}  # bound nowhere in the test


def test_a_kept_cell_keeps_the_lesson_cells_it_needs():
    uses_both = cell("print(data.sum(), dot([1], [1]))\n")
    assert skippable([SETUP, cell(DEFINES_DATA), cell(USES_DATA), ANSWER]) == {1, 2}
    assert skippable([SETUP, cell(DEFINES_DATA), uses_both, ANSWER]) == set()


def test_a_notebook_with_a_cell_that_is_not_plain_python_keeps_everything():
    assert skippable([SETUP, cell(PICTURE), cell("%timeit dot([1], [2])"), ANSWER]) == set()


def test_names_read_inside_functions_count_at_call_time():
    found = lessons.names("x = 1\ndef f():\n    return x + y\n")
    assert found.bound == {"x", "f"} and found.read == {"x", "y"}


def test_a_student_cell_that_reaches_names_dynamically_keeps_everything():
    for sneaky in ("    return globals()['data']", "    import __main__\n    return __main__.data",
                   "    return eval('data')", "    import sys\n    return sys.modules['__main__'].data"):
        answer = cell(f"def dot(x, y):\n{sneaky}\n", solution=True, grade_id="dot")
        assert skippable([SETUP, cell(DEFINES_DATA), answer]) == set(), sneaky
    assert skippable([SETUP, cell(DEFINES_DATA), ANSWER]) == {1}


def test_read_only_course_cells_run_only_the_statements_something_kept_needs():
    setup = cell("import numpy as np\nimport matplotlib.pyplot as plt\nfrom scipy import stats\n"
                 "np.set_printoptions(3)\n", locked=True, grade=False, solution=False, grade_id="setup")
    checks = cell('"""Helpers."""\nimport numpy as np\n\ndef check(v):\n    return np.asarray(v)\n', locked=True,
                  grade=False, solution=False, grade_id="checks")
    plotting = "plt.plot(a)\n"
    made = lessons.plan([setup, checks, cell(PICTURE), cell(plotting), ANSWER], {PICTURE, plotting}, [])
    assert made.skip == {2, 3}  # the pictures are nobody's business, the helpers the test kernel's:
    assert made.reduced == {0: "import numpy as np\nnp.set_printoptions(3)\n", 1: "import numpy as np\n"}
    uses_stats = cell("def dot(x, y):\n    return stats.norm.pdf(0.0)\n", solution=True, grade_id="dot")
    made = lessons.plan([setup, checks, cell(plotting), uses_stats], {plotting}, [])
    assert made.reduced[0] == "import numpy as np\nfrom scipy import stats\nnp.set_printoptions(3)\n"
    stub = ('def dot(x, y):\n'
            '    raise NotImplementedError("Exercise 1 is not done yet: write `dot` in its answer cell")\n')
    blank = cell(stub, solution=True, grade_id="dot")
    made = lessons.plan([setup, checks, blank], set(), [])
    assert made.reduced == {0: "import numpy as np\nnp.set_printoptions(3)\n", 1: "import numpy as np\n"}


def test_an_answer_that_imports_what_the_setup_imports_leaves_the_lesson_out():
    imports_numpy = cell("import numpy as np\nfrom functools import reduce\n\ndef dot(x, y):\n"
                         "    return float(np.sum(np.asarray(x) * y))\n", solution=True, grade_id="dot")
    assert skippable([SETUP, cell(PICTURE), imports_numpy]) == {1}


def test_an_answer_that_binds_a_setup_name_otherwise_keeps_the_lesson():
    for source in ("import numpy as np\nnp = None\n", "import numpy\nnp = numpy\n", "import math as np\n",
                   "from numpy import linalg as np\n", "import numpy as np\ndef f():\n    global np\n",
                   "import numpy as np\nfor np in range(3):\n    pass\n", "def np():\n    pass\n",
                   "import numpy as np\ntry:\n    pass\nexcept Exception as np:\n    pass\n"):
        answer = cell(source + "def dot(x, y):\n    return 0.0\n", solution=True, grade_id="dot")
        assert skippable([SETUP, cell(PICTURE), answer]) == set(), source


def test_bound_like_the_course_names_only_exact_imports():
    course = lessons.imports("import numpy as np\nimport matplotlib.pyplot as plt\nfrom math import pi\n")
    assert lessons.bound_like_the_course("import numpy as np\nfrom math import pi\n", course) == {"np", "pi"}
    assert lessons.bound_like_the_course("import matplotlib.pyplot\n", course) == set()
    assert lessons.bound_like_the_course("from math import pi as np\n", course) == set()


def test_the_test_kernel_gets_only_the_setup_its_tests_read():
    setup = ["import numpy as np\nimport matplotlib.pyplot as plt\nfrom sklearn.decomposition import PCA\n",
             '"""Checks."""\nimport math\nTOL = 1e-9\n'
             "def check_close(a, b):\n    assert math.isclose(a, b, abs_tol=TOL), (a, b)\n"
             "def unused():\n    return plt.gca()\n"]
    tests = ["check_close(np.sum([1.0]), 1.0)"]
    reduced = lessons.setup_for_tests(setup, tests)
    assert reduced[0] == "import numpy as np\n"
    kept = reduced[1]
    assert "def check_close" in kept and "import math" in kept  # read by the test, and by what it reads
    assert "TOL = 1e-9" in kept  # a statement that does more than bind a name: always run
    assert "def unused" not in kept and "Checks" not in kept
    # a test that names matplotlib's import keeps it; one that reaches names without naming them keeps all
    assert "import matplotlib.pyplot as plt" in lessons.setup_for_tests(setup, [*tests, "plt.close('all')"])[0]
    assert lessons.setup_for_tests(setup, [*tests, "globals()['check_close'](1, 1)"]) == setup
    assert lessons.setup_for_tests(["def broken(:\n"], tests) == ["def broken(:\n"]
