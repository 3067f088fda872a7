"""Safe grading: adversarial submissions graded with the real `mlmath grade` (sandboxed, two at a time) on a
scratch copy of the course. Each one attacks one function of ch1 (or is a bad file); each must get the grade
it deserves (0 for what it broke or cheated, full points for the rest where the kernel survived), leak
nothing, change nothing outside its own sandbox, and leave the batch and the other students' grades intact.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import nbformat
import pytest
from conftest import COURSE, hidden_lines, mlmath

from mlmath import nbgrader_cli, notebooks
from mlmath.course import Course
from mlmath.grading import records
from mlmath.sandbox import bubblewrap
from mlmath.selfcheck import submit

pytestmark = pytest.mark.slow  # starts kernels: not in `make test-fast`

ASSIGNMENT = "ch1_dot_products"
FUNCTIONS = ["dot", "norm", "cosine_similarity", "matmul", "principal_components"]
ESCAPED = "ESCAPED"  # printed by an attack that got through: must appear nowhere

# Every way out of the sandbox that a submission might try, each printing ESCAPED if it works.
ESCAPES = '''
import os, socket, sqlite3, glob
ROOT = {root!r}
def _attempt(what, action):
    try:
        action()
        print("{escaped}", what)
    except Exception as error:
        print("blocked:", what, type(error).__name__)
_attempt("read the gradebook", lambda: open(ROOT + "/gradebook.db", "rb").read(100))
_attempt("read the gradebook by a relative path", lambda: open("../../../gradebook.db", "rb").read(100))
_attempt("query the gradebook", lambda: sqlite3.connect("file:" + ROOT + "/gradebook.db?mode=ro", uri=True)
         .execute("select source from source_cell").fetchall())
_attempt("read source/", lambda: open(ROOT + "/source/{assignment}/{assignment}.ipynb").read(100))
_attempt("read release/", lambda: os.listdir(ROOT + "/release"))
_attempt("read the course config", lambda: open(ROOT + "/course_config.py").read(100))
_attempt("read another student", lambda: open(ROOT + "/submitted/reference/{assignment}/{assignment}.ipynb").read(10))
_attempt("write into the course", lambda: open(ROOT + "/pwned.txt", "w").write("x"))
_attempt("read a file in the grader's home", lambda: open({secret!r}).read())
_attempt("reach the network", lambda: socket.create_connection(("1.1.1.1", 53), timeout=3))
_attempt("resolve a host name", lambda: socket.gethostbyname("pypi.org"))
_attempt("find the notebook under grading", lambda: [open(p).read(10) for p in glob.glob("*.ipynb")][0])
'''


def replace_function(nb, function: str, body: str) -> None:
    """Replace a function's solution cell by `body` (which must define it, or not)."""
    notebooks.cells_by_id(nb)[function].source = body


def steal_reference(root: str) -> str:
    return f'''
import json
def dot(x, y):
    """Run the reference solution copied from source/ (which the sandbox hides)."""
    cells = json.load(open({root!r} + "/source/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"))["cells"]
    code = next("".join(c["source"]) for c in cells if c.get("metadata", {{}}).get("nbgrader", {{}}).get("grade_id")
                == "dot")
    namespace = {{}}
    exec(code, globals(), namespace)
    return namespace["dot"](x, y)
'''


FORK_BOMB = '''
import os
def norm(x):
    while True:
        os.fork()
'''

# The memory limit is on address space (RLIMIT_AS): an allocation fails there whether or not its pages were
# written, and writing the 2 GiB first only cost the suite 10 CPU-s.
MEMORY_HOG = '''
import numpy
def norm(x):
    hog = []
    while True:
        hog.append(numpy.empty(100 * 1024 * 1024, dtype=numpy.uint8))
'''

CPU_HOG = '''
import signal
def norm(x):
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # not even the time limit's interrupt stops it
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)  # nor the CPU limit's first warning
    while True:
        pass
'''

SLOW_CELL = "import time\ntime.sleep(12)  # each cell is under the time limit per cell, together they are not\n"

EXIT = '''
import os
def norm(x):
    os._exit(0)
'''

SEGFAULT = '''
import ctypes
def norm(x):
    ctypes.string_at(0)
'''

OUTPUT_FLOOD = '''
print("x" * 200_000)  # over the 64 KiB limit per cell
_quiet_norm = norm
def norm(x):
    print("x" * 200_000)  # and at every call, which no test reads
    return _quiet_norm(x)
'''

WRONG_DOT = "def dot(x, y):\n    return 0.0  # wrong for most inputs\n"
NP_DOT = "def dot(x, y):\n    return float(np.dot(x, y))  # right, but the library product the prompt bans\n"
# Each cheat pairs the wrong dot (or the banned np.dot) with a way to make its failing tests pass. The tests
# run in the trusted test kernel, so none may earn a point more or less than its control: the same answer
# without the trick. (Tricks marked as self-harm may break the student's own kernel and earn less.)
CHEATS = {
    "patch_numpy": WRONG_DOT + '''
import math
import numpy
numpy.allclose = lambda *args, **kwargs: True
numpy.isclose = lambda a, b, *args, **kwargs: numpy.ones(numpy.shape(a), dtype=bool)
numpy.array_equal = lambda *args, **kwargs: True
math.isclose = lambda *args, **kwargs: True
''',
    "patch_during_test": '''
def dot(x, y):
    import builtins, numpy
    numpy.allclose = lambda *args, **kwargs: True
    numpy.array_equal = lambda *args, **kwargs: True
    globals()["check_close"] = lambda *args, **kwargs: None
    globals()["check_raises"] = lambda *args, **kwargs: None
    return 0.0
''',
    "patch_from_a_thread": WRONG_DOT + '''
import threading, time, numpy
def _keep_patching():
    while True:
        numpy.allclose = lambda *args, **kwargs: True
        globals()["check_close"] = lambda *args, **kwargs: None
        time.sleep(0.01)  # a hundred times a second: the tests run in another kernel however often it patches
threading.Thread(target=_keep_patching, daemon=True).start()
''',
    "replace_helpers": WRONG_DOT + '''
def check_float(value, what):
    return 0.0
def check_close(*args, **kwargs):
    pass
def check_raises(*args, **kwargs):
    pass
''',
    "swap_helper_code": WRONG_DOT + '''
check_close.__code__ = (lambda actual, expected, what, rtol=1e-6, atol=1e-9: None).__code__
check_raises.__code__ = (lambda exception, func, *args, what, **kwargs: None).__code__
check_close.__defaults__ = (1e300, 1e300)
''',
    "gc_and_sys_modules": WRONG_DOT + '''
import gc, sys, types
for _obj in gc.get_objects():
    if isinstance(_obj, types.FunctionType) and _obj.__name__.startswith("check_"):
        _obj.__code__ = (lambda *args, **kwargs: None).__code__
_fake = types.ModuleType("numpy")
_fake.__dict__.update(sys.modules["numpy"].__dict__, allclose=lambda *a, **k: True)
sys.modules["numpy"] = _fake
''',
    "displayhook": '''
import sys
def dot(x, y):
    sys.displayhook(-1)  # an execute_result, which nbgrader would read as the test's score
    return 0.0
''',
    "forge_replies": WRONG_DOT + '''
_session = get_ipython().kernel.session
_send = _session.send
def _all_ok(stream, msg_or_type, content=None, *args, **kwargs):
    if isinstance(content, dict) and content.get("status") == "error":
        content = {"status": "ok", "execution_count": content.get("execution_count"), "user_expressions": {},
                   "payload": []}
    if msg_or_type == "error":
        msg_or_type, content = "stream", {"name": "stdout", "text": "ok"}
    return _send(stream, msg_or_type, content, *args, **kwargs)
_session.send = _all_ok
''',
    "clear_errors": WRONG_DOT + '''
_ip = get_ipython()
_ip.set_custom_exc((BaseException,), lambda shell, etype, evalue, tb, tb_offset=None: None)
_ip.events.register("post_run_cell", lambda result: setattr(result, "error_in_exec", None))
''',
    "trace_helpers": WRONG_DOT + '''
import sys, threading, ctypes
def _tracer(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "check_close":
        frame.f_locals["actual"] = frame.f_locals.get("expected")
        ctypes.pythonapi.PyFrame_LocalsToFast(ctypes.py_object(frame), ctypes.c_int(0))
    return _tracer
sys.settrace(_tracer)
sys.setprofile(_tracer)
threading.settrace(_tracer)
''',
    "read_the_caller": '''
import sys
def dot(x, y):
    frame = sys._getframe(1)
    while frame is not None:
        for scope in (frame.f_locals, frame.f_globals):
            if "expected" in scope:
                return float(scope["expected"])
        frame = frame.f_back
    return 0.0
''',
    "forge_the_bridge": '''
def dot(x, y):
    import sys
    bridge = sys.modules.get("__mlmath_bridge__")
    if bridge is not None and sys._getframe(1).f_code.co_name == "serve":  # a test's call: inject a verdict
        original = bridge._ask
        def once(message):
            bridge._ask = original
            return input('{"op":"return","value":0.0}\\n{"op":"done","stdout":"","error":null}')
        bridge._ask = once
    return 0.0
''',
}
CONTROL = dict.fromkeys(CHEATS, "wrong_dot")
# The no-library test reads dot's source on the trusted side: replacing ast or inspect here changes nothing.
CHEATS["blind_the_source_check"] = NP_DOT + '''
import ast, inspect
ast.walk = lambda tree: iter(())
inspect.getsource = lambda obj: "def dot(x, y):\\n    return 0.0\\n"
'''
CONTROL["blind_the_source_check"] = "np_dot"
CHEATS["unreadable_result"] = "def dot(x, y):\n    return (value for value in [x, y])  # a generator\n"
CONTROL["unreadable_result"] = "no_dot"
SELF_HARM = {"look_alike": '''
class _EqualToAnything(float):  # what norm computes from it in its own kernel changes too
    calls = 0
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    def __float__(self):
        _EqualToAnything.calls += 1
        return float(_EqualToAnything.calls)  # a different value each time it is asked
    __hash__ = float.__hash__
def dot(x, y):
    return _EqualToAnything(0.0)
''', "patch_builtins": WRONG_DOT + '''
import builtins
builtins.isinstance = lambda *args: True
builtins.all = lambda *args: True
'''}

# Answers that try to carry a hidden test's inputs or expected values out through what the grader shows.
# They act only on the hidden tests' long vectors (the visible tests' inputs are public anyway).
LEAKERS = {
    "leak_by_assert": '''
def dot(x, y):
    if len(x) >= 7:
        raise AssertionError("LEAK " + repr(list(x)[:3]))
    return 0.0
''',
    "leak_by_error": '''
def dot(x, y):
    if len(x) >= 7:
        raise ValueError("LEAK " + repr(list(x)[:3]))
    return 0.0
''',
    "leak_expected": '''
import sys
def dot(x, y):
    if len(x) >= 7:
        test = sys._getframe(1)
        raise AssertionError(f"LEAK {test.f_globals.get('expected')!r} {test.f_locals.get('expected')!r}")
    return 0.0
''',
    "leak_by_type_name": '''
def dot(x, y):
    if len(x) >= 7:
        return type("LEAK_" + str(len(x)) + "_" + str(int(abs(x[0]) * 1000)), (), {})()
    return 0.0
''',
    "leak_history": '''
def dot(x, y):
    raise ValueError("history " + repr(In)[-3000:] + repr(Out)[-2000:])  # every cell this kernel has run
''',
    "leak_by_hooks": WRONG_DOT + '''
_ip = get_ipython()
_ip.events.register("post_run_cell", lambda result: print("HOOK", result.info.raw_cell if result.info else ""))
_ip.events.register("pre_execute", lambda: print("HOOK", _ip.user_ns.get("_i", "")))
''',
    "leak_full_width": '''
def dot(x, y):
    if len(x) >= 7:  # the inputs of a hidden test, re-encoded so that no filter of ASCII words sees them
        raise AssertionError("LEAK " + "".join(chr(0xFEE0 + ord(c)) if "!" <= c <= "~" else c for c in repr(list(x))))
    return 0.0
''',
}

STUB = "def {function}(*args, **kwargs):\n    raise NotImplementedError()\n"

# norm's tests run after dot's: a kernel killed in norm keeps dot's points and loses all the rest.
KERNEL_KILLERS = {"cpu_hog": CPU_HOG, "exit": EXIT, "segfault": SEGFAULT}
# A limit that raises in the kernel (which goes on) costs what an unanswered norm costs, no more.
RAISING_LIMITS = {"fork_bomb": FORK_BOMB, "memory_hog": MEMORY_HOG}


def make_class(course: Course, secret) -> None:
    source = course.source_notebook(ASSIGNMENT)
    submit(course, "reference", ASSIGNMENT, source)
    submit(course, "bystander", ASSIGNMENT, source)

    def attack(student: str, function: str, body: str) -> None:
        """The attack in place of `function`'s solution, in the notebook's nbgrader cells (as the answer bank's
        submissions): no attack is in the lesson, and an answer that reaches names by means the grader cannot
        follow (globals(), sys, exec: most attacks) keeps every lesson cell running, twice the grading time."""
        nb = notebooks.read_nbgrader_cells(source)
        replace_function(nb, function, body)
        notebooks.write(nb, course.submitted_notebook(student, ASSIGNMENT))

    root = str(course.root)
    reference_dot = notebooks.cells_by_id(notebooks.read(source))["dot"].source
    attack("escapes", "dot", reference_dot + ESCAPES.format(root=root, escaped=ESCAPED, assignment=ASSIGNMENT,
                                                             secret=str(secret)))
    attack("thief", "dot", steal_reference(root))
    attack("no_dot", "dot", STUB.format(function="dot"))  # what the thief deserves
    attack("wrong_dot", "dot", WRONG_DOT)  # what most cheaters deserve
    attack("np_dot", "dot", NP_DOT)  # what a cheater with a right but banned dot deserves
    for student, body in {**CHEATS, **SELF_HARM, **LEAKERS}.items():
        attack(student, "dot", body)
    numpy_beside(course, source)
    tampered_cells(course, source)
    attack("no_norm", "norm", STUB.format(function="norm"))  # what a limit that raises in norm deserves
    for student, body in {**KERNEL_KILLERS, **RAISING_LIMITS}.items():
        attack(student, "norm", body)
    attack("output_flood", "norm", notebooks.cells_by_id(notebooks.read(source))["norm"].source + OUTPUT_FLOOD)
    nb = notebooks.read(source)
    for function in FUNCTIONS[1:4]:
        notebooks.cells_by_id(nb)[function].source = SLOW_CELL + notebooks.cells_by_id(nb)[function].source
    notebooks.write(nb, course.submitted_notebook("sleeper", ASSIGNMENT))
    bad_files(course, source)


NUMPY_BESIDE = '''"""A numpy.py beside the notebook: the real NumPy with allclose always true."""
import os
import sys

sys.path[:] = [p for p in sys.path if p not in ("", ".", os.getcwd())]
del sys.modules["numpy"]
import numpy as _real  # noqa: E402

_real.allclose = lambda *args, **kwargs: True
sys.modules["numpy"] = _real
'''


def numpy_beside(course: Course, source) -> None:
    """The wrong dot, a code cell above the setup cell and a numpy.py in the submission folder, both of which
    run before anything the course set up."""
    nb = notebooks.read(source)
    replace_function(nb, "dot", WRONG_DOT)
    nb.cells.insert(0, nbformat.v4.new_code_cell("import numpy\nnumpy.allclose = lambda *args, **kwargs: True\n"))
    notebooks.write(nb, course.submitted_notebook("runs_first", ASSIGNMENT))
    (course.submitted_notebook("runs_first", ASSIGNMENT).parent / "numpy.py").write_text(NUMPY_BESIDE)


def tampered_cells(course: Course, source) -> None:
    """The wrong dot, with its tests edited or deleted, and the read-only cells deleted."""
    def wrong(nb):
        replace_function(nb, "dot", WRONG_DOT)
        return nb

    nb = wrong(notebooks.read(source))
    for grade_id in notebooks.tests_of("dot", nb):
        notebooks.cells_by_id(nb)[grade_id].source = "print('passed')"
    notebooks.write(nb, course.submitted_notebook("edited_tests", ASSIGNMENT))
    nb = wrong(notebooks.read(source))
    tests = set(notebooks.tests_of("dot", nb))
    nb.cells = [c for c in nb.cells if notebooks.grade_id(c) not in tests]
    notebooks.write(nb, course.submitted_notebook("deleted_tests", ASSIGNMENT))
    nb = wrong(notebooks.read(source))
    lenient = CHEATS["replace_helpers"].replace(WRONG_DOT, "")
    nb.cells = [c for c in nb.cells if notebooks.grade_id(c) != "checks"]
    notebooks.cells_by_id(nb)["dot"].source = "import numpy as np\n" + WRONG_DOT + lenient
    notebooks.write(nb, course.submitted_notebook("deleted_checks", ASSIGNMENT))
    nb = wrong(notebooks.read(source))
    for cell in nb.cells:
        if notebooks.grade_id(cell) in tests:
            cell.metadata = {}
            cell.source = "print('passed')"
    notebooks.write(nb, course.submitted_notebook("unmarked_tests", ASSIGNMENT))


TAMPERED_CELLS = ["edited_tests", "deleted_tests", "deleted_checks", "unmarked_tests", "runs_first"]
CONTROL.update(dict.fromkeys(TAMPERED_CELLS, "wrong_dot"), **dict.fromkeys(SELF_HARM, "wrong_dot"))



def bad_files(course: Course, source) -> None:
    def write(student: str, text: str) -> None:
        path = course.submitted_notebook(student, ASSIGNMENT)
        path.parent.mkdir(parents=True)
        path.write_text(text)

    raw = json.loads(source.read_text())
    write("nbformat3", json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}))
    huge = dict(raw, metadata=dict(raw["metadata"], padding="x" * (3 * 1024 * 1024)))
    write("huge", json.dumps(huge))
    stripped = dict(raw, cells=[dict(c, metadata={}) for c in raw["cells"]])
    write("lost_metadata", json.dumps(stripped))


BAD_FILES = {"nbformat3": "nbformat 3", "huge": "over the limit of 2 MiB"}


def tight_limits(course: Course) -> None:
    config = course.root / "course_config.py"
    config.write_text(config.read_text() + (  # the time per cell stays 60 s: the CPU limit comes first
        "\nc.MlmathLimits.notebook_seconds = 30\nc.MlmathLimits.cpu_seconds = 12\n"
        "c.MlmathLimits.notebook_mb = 2\nc.MlmathLimits.output_kb = 64\n"))


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    if bubblewrap.unavailable():
        pytest.fail(f"no sandbox on this machine: {bubblewrap.unavailable()} (.ci/run installs bubblewrap)")
    course = COURSE.scratch_copy(tmp_path_factory.mktemp("attacked"))
    tight_limits(course)
    nbgrader_cli.run(course, "generate_assignment", ASSIGNMENT, "--force")
    secret = Path.home() / f".mlmath-test-secret-{os.getpid()}"
    secret.write_text("the grader's own file")
    make_class(course, secret)
    protected = {p: digest(p) for p in [course.root / "course_config.py", course.source_notebook(ASSIGNMENT),
                                        course.submitted_notebook("reference", ASSIGNMENT)]}
    run = mlmath(course, "grade", ASSIGNMENT, "--jobs", "2", timeout=1200)
    secret.unlink()
    for command in ("feedback", "report"):
        mlmath(course, command, ASSIGNMENT, check=True, timeout=600)
    return course, run, protected


def scores(course: Course, student: str) -> dict[str, float]:
    return {g: s.score for g, s in nbgrader_cli.scores(course, ASSIGNMENT, student).items() if s.autograded}


def of(function: str, grades: dict[str, float]) -> dict[str, float]:
    return {g: s for g, s in grades.items() if g.startswith(f"{function}__")}


def outputs(course: Course, student: str) -> str:
    """Every output of the student's graded notebook, as text."""
    nb = notebooks.read(course.autograded_notebook(student, ASSIGNMENT))
    return json.dumps([cell.get("outputs", []) for cell in nb.cells])


def test_the_batch_finishes_and_names_every_case(attacked):
    course, run, _ = attacked
    assert run.returncode == 1, run.stderr  # the bad files cannot be graded; everything else is
    saved = records.load(course, ASSIGNMENT)
    expected_status = {
        "reference": records.GRADED, "bystander": records.GRADED, "escapes": records.GRADED,
        "thief": records.GRADED, "no_dot": records.GRADED, "no_norm": records.GRADED, "wrong_dot": records.GRADED,
        "np_dot": records.GRADED, **{s: records.GRADED for s in [*CHEATS, *TAMPERED_CELLS, *LEAKERS]},
        "output_flood": records.LIMITED, "sleeper": records.TIMED_OUT,  # the flood in its cell, not in the calls
        "fork_bomb": records.LIMITED, "memory_hog": records.LIMITED, "cpu_hog": records.LIMITED,
        "exit": records.CRASHED, "segfault": records.CRASHED,
        "nbformat3": records.FAILED, "huge": records.FAILED,
        "lost_metadata": records.GRADED,  # rebuilt from the release (tests/test_hardening.py)
    }
    got = {s: saved[s].status for s in expected_status}
    assert got == expected_status, {s: (saved[s].status, saved[s].reason) for s in expected_status}
    assert saved["patch_builtins"].status in (records.GRADED, records.TIMED_OUT)  # it may break its own kernel
    for student, words in {"sleeper": "time limit per notebook", "cpu_hog": "CPU time limit",
                           "memory_hog": "memory limit", "fork_bomb": "process limit", "output_flood": "output limit",
                           "exit": "exited with status 0", "segfault": "SIGSEGV", **BAD_FILES}.items():
        assert words in saved[student].reason, (student, saved[student].reason)
        assert student in run.stdout and words in run.stdout, run.stdout


def test_other_students_are_untouched(attacked):
    course, _, protected = attacked
    assert scores(course, "bystander") == scores(course, "reference")
    assert all(s > 0 for s in scores(course, "reference").values())
    assert {p: digest(p) for p in protected} == protected
    assert not (course.root / "pwned.txt").exists()


def test_no_way_out_of_the_sandbox(attacked):
    course, _, _ = attacked
    text = outputs(course, "escapes")
    assert "blocked: read the gradebook" in text  # the attempts ran...
    assert ESCAPED not in text  # ...and every one was stopped
    assert text.count("blocked:") == ESCAPES.count("_attempt(") - 1, text
    assert scores(course, "escapes") == scores(course, "reference")  # its own answers were right


def test_copying_the_reference_solution_fails(attacked):
    course, _, _ = attacked
    grades = scores(course, "thief")
    assert of("dot", grades) and all(s == 0 for s in of("dot", grades).values())
    assert grades == scores(course, "no_dot")  # no more, no less than leaving dot unanswered


@pytest.mark.parametrize("student", sorted(RAISING_LIMITS))
def test_a_limit_that_raises_keeps_what_ran_before_and_gains_nothing(attacked, student):
    course, _, _ = attacked
    grades, unanswered = scores(course, student), scores(course, "no_norm")
    assert of("dot", grades) == of("dot", scores(course, "reference"))
    assert all(grades[g] <= unanswered[g] for g in unanswered), (grades, unanswered)
    # (a fork bomb's own processes use up its process limit until its kernel ends: what runs later may fail)


@pytest.mark.parametrize("student", sorted(KERNEL_KILLERS))
def test_a_killed_kernel_keeps_what_ran_before(attacked, student):
    course, _, _ = attacked
    grades, full = scores(course, student), scores(course, "reference")
    assert of("dot", grades) == of("dot", full)
    for function in FUNCTIONS[1:]:
        assert of(function, grades) and all(s == 0 for s in of(function, grades).values()), (function, grades)


def test_the_notebook_time_limit_keeps_what_ran_before(attacked):
    course, _, _ = attacked
    grades, full = scores(course, "sleeper"), scores(course, "reference")
    assert of("dot", grades) == of("dot", full) and of("norm", grades) == of("norm", full)
    assert of(FUNCTIONS[-1], grades) and all(s == 0 for s in of(FUNCTIONS[-1], grades).values())


def test_output_past_the_limit_is_dropped_and_the_answer_still_counts(attacked):
    course, _, _ = attacked
    assert scores(course, "output_flood") == scores(course, "reference")
    size = course.autograded_notebook("output_flood", ASSIGNMENT).stat().st_size
    assert size < course.autograded_notebook("reference", ASSIGNMENT).stat().st_size + 20 * 64 * 1024


def test_no_sandbox_process_outlives_its_grading(attacked):
    """A sandboxed process (as root, its user is 1 000 000 or 2 000 000 + its grading worker's pid) whose worker
    is gone has outlived its grading; those of other gradings running on this machine have a live worker."""
    ps = subprocess.run(["ps", "-eo", "uid=,args="], capture_output=True, text=True).stdout
    sandboxed = [line for line in ps.splitlines() if int(line.split()[0]) >= 1_000_000]
    left = [line for line in sandboxed if not Path(f"/proc/{int(line.split()[0]) % 1_000_000}").exists()]
    assert not left, left


@pytest.mark.parametrize("student", [*CHEATS, *TAMPERED_CELLS])
def test_a_trick_earns_exactly_what_the_same_answer_without_it_earns(attacked, student):
    course, run, _ = attacked
    control = scores(course, CONTROL[student])
    assert control and sum(control.values()) < sum(scores(course, "reference").values())  # it can fail
    grades = scores(course, student)
    assert grades.keys() == control.keys()  # every test was graded: none deleted, none left for a person
    differ = {g: (grades[g], control[g]) for g in grades if grades[g] != control[g]}
    assert not differ, (student, differ, records.load(course, ASSIGNMENT)[student])


@pytest.mark.parametrize("student", sorted(SELF_HARM))
def test_a_trick_that_harms_its_own_kernel_gains_nothing(attacked, student):
    course, _, _ = attacked
    control, grades = scores(course, CONTROL[student]), scores(course, student)
    gained = {g: (grades[g], control[g]) for g in grades if grades[g] > control[g]}
    assert not gained, gained


def test_nothing_an_answer_chose_is_shown_for_a_hidden_test(attacked):
    course, run, _ = attacked
    pages = {s: (course.root / "feedback" / s / ASSIGNMENT / "feedback.html").read_text() for s in LEAKERS}
    assert all("hidden_random" in page for page in pages.values())  # the pages were made...
    leaked = [s for s, page in pages.items() if "LEAK" in page or "\uff2c\uff25\uff21\uff2b" in page]
    assert not leaked, leaked  # ...and say nothing the answers tried to carry out
    assert "LEAK" not in (course.root / "reports" / f"{ASSIGNMENT}.html").read_text()
    assert "LEAK" not in run.stdout + run.stderr


@pytest.mark.parametrize("student", [*LEAKERS, *CHEATS])
def test_no_hidden_test_line_reaches_what_is_graded_or_shown(attacked, student):
    course, _, _ = attacked
    lines = hidden_lines(notebooks.read(COURSE.source_notebook(ASSIGNMENT)), min_length=25)
    assert len(lines) > 20
    shown = {"graded outputs": outputs(course, student),
             "feedback": (course.root / "feedback" / student / ASSIGNMENT / "feedback.html").read_text()}
    found = {(where, line) for where, text in shown.items() for line in lines if line in text}
    assert not found, found


def test_a_hidden_test_still_says_what_failed_when_the_tests_said_it(attacked):
    course, _, _ = attacked
    page = (course.root / "feedback" / "wrong_dot" / ASSIGNMENT / "feedback.html").read_text()
    assert ("dot of two random arrays of length 1 is not the correct value (within relative tolerance 1e-06, "
            "absolute 1e-09)") in page


def test_no_sandbox_no_grading_unless_asked_and_then_a_loud_warning(tmp_path):
    course = COURSE.scratch_copy(tmp_path)
    config = course.root / "course_config.py"
    config.write_text(config.read_text() + '\nc.MlmathSandbox.bwrap = "no-such-bwrap"\n')
    nbgrader_cli.run(course, "generate_assignment", ASSIGNMENT, "--force")
    submit(course, "reference", ASSIGNMENT, course.source_notebook(ASSIGNMENT))

    def grade(*flags: str) -> subprocess.CompletedProcess:
        return mlmath(course, "grade", ASSIGNMENT, *flags, timeout=600)

    refused = grade()
    assert refused.returncode == 2, refused.stderr
    assert "cannot sandbox" in refused.stderr and "--no-sandbox" in refused.stderr, refused.stderr
    assert not course.autograded_notebook("reference", ASSIGNMENT).exists()
    unprotected = grade("--no-sandbox")
    assert unprotected.returncode == 0, unprotected.stderr
    assert "WITHOUT a sandbox" in unprotected.stderr and "gradebook" in unprotected.stderr
    grades = nbgrader_cli.scores(course, ASSIGNMENT, "reference")
    assert grades and all(s.score == s.max_score for s in grades.values() if s.autograded)
