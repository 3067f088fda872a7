"""nbgrader configuration of the course "Mathematics for Machine Learning in Python".

`nbgrader_config.py` loads this file, so plain `nbgrader <command>` run at the repository root uses it.
Everything an instructor may want to change lives here.
"""

import os
import tempfile

c = get_config()  # noqa: F821 -- injected by traitlets when nbgrader loads the file

# --- The course -----------------------------------------------------------------------------------
c.CourseDirectory.course_id = "mlmath"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
# The assignments are the folders of source/: `source/<id>/<id>.ipynb`, ids starting ch1_, ch2_, ...
# Files that never belong in a release or a graded copy.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".DS_Store"]

# --- Student versions -----------------------------------------------------------------------------
# The stub a student sees in place of a reference solution.
# How notebooks reach the students. Through an LMS (Canvas, Moodle: hand out release/<id>/, download the
# submissions, `mlmath collect`), the default: nbgrader's exchange is not used, and lives in the course folder
# (exchange/, empty but for its README) only so that the Formgrader and JupyterLab's Assignments tab find one instead of
# greeting the instructor with "The exchange directory ... does not exist" and "Error fetching courses!".
# Through nbgrader's exchange on one shared server (`nbgrader release_assignment`, students fetch and submit in
# JupyterLab, `nbgrader collect`): set the folder every user can reach instead, e.g. "/srv/nbgrader/exchange".
c.Exchange.root = os.path.join(c.CourseDirectory.root, "exchange")

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# ... and then (mlmath/student_version.py) each stub names its exercise, NotImplementedError("Exercise 3 is not
# done yet: write `matmul` in its answer cell"), and every autograded test cell gets the `raises-exception` tag,
# so "Run All" in JupyterLab goes on past a failing test (nbgrader still scores it 0) and the whole lesson runs.
from mlmath import student_version  # noqa: E402 -- mlmath is installed in the course's environment

student_version.apply(c)
c.NameStubs.message = "Exercise {number} is not done yet: write `{name}` in its answer cell"

# --- Autograding ----------------------------------------------------------------------------------
# Seconds a single cell may run before it is interrupted and scored 0.
c.Execute.timeout = 60
# After a cell's reply, nbgrader waits for the cell's last output messages; by default, if they are late
# (a busy machine, or a kernel interrupted at the time limit), it aborts grading of the *whole* submission.
# Wait longer, then go on: a cell is still scored from the kernel's reply (nbgrader adds the reply's error
# to the cell when its output was lost), so a failed test is never taken for a passed one.
c.Execute.iopub_timeout = 10
c.Execute.raise_on_iopub_timeout = False
# Kernels talk over Unix sockets, not TCP ports: kernels started side by side (mlmath grade's workers,
# two graders at once) could race for the same free port, which shows as "Kernel died before replying to
# kernel_info". The socket path is absolute (a kernel runs in the notebook's folder, its grader at the
# root) and holds the grading process's id; one process starts its kernels one after another.
c.KernelManager.transport = "ipc"
c.KernelManager.ip = os.path.join(tempfile.gettempdir(), f"mlmath-kernel-{os.getpid()}")
# A test cell that a student deleted is put back from the gradebook and graded, never skipped.
c.OverwriteCells.add_missing_cells = True
# nbgrader zeroes a test cell whose output contains *anything* on stderr, so a harmless warning
# (a DeprecationWarning from a library, a RuntimeWarning in a student's helper) would cost a passing
# test its points.  Tests in this course fail by raising, never by writing to stderr, so stderr is
# dropped before grades are read.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"(?s).*"

# --- Every grading path is the safe one ---------------------------------------------------------------------
# Plain `nbgrader autograde`, `nbgrader generate_feedback`, the Formgrader's "Autograde" and "Generate Feedback"
# buttons and `mlmath grade` all grade the same way: the answers run in a bubblewrap sandbox under the limits
# below, the tests in the trusted test kernel (mlmath/trusted/), and feedback shows no hidden test. The lists of
# nbgrader preprocessors that do it are in mlmath/grading/pipeline.py (see README, "Safe grading").
from mlmath.grading import pipeline  # noqa: E402 -- mlmath is installed in the course's environment

pipeline.apply(c)

from mlmath import formgrader  # noqa: E402

formgrader.apply(c)  # the grading page: rubric beside each written answer, lessons hidden, MathJax offline

# nbgrader runs `alembic heads` in a subprocess to learn the schema version of each gradebook it creates (1.7
# CPU-seconds); mlmath reads the same version in-process (mlmath/grading/gradebook.py).
from mlmath.grading import gradebook  # noqa: E402

gradebook.read_schema_version_in_process()

# --- Late submissions -----------------------------------------------------------------------------
# Due dates, applied to the gradebook by `mlmath grade` (nbgrader then computes how late each
# submission is from its timestamp.txt). An assignment without a due date is never late.
c.MlmathGrade.due_dates = {
    "ch1_dot_products": "2027-02-05 23:59:00 UTC",
    "ch2_gradient_descent": "2027-02-26 23:59:00 UTC",
    "ch3_gaussian_mle": "2027-03-19 23:59:00 UTC",
    "ch4_housing_regression": "2027-04-09 23:59:00 UTC",
    "ch5_beyond": "2027-04-30 23:59:00 UTC",
}
# The penalty: 10% of the notebook's score per started day late, at most 100%.
c.AssignLatePenalties.plugin_class = "mlmath.grading.late.LatePenalty"
c.LatePenalty.percent_per_day = 10.0
c.LatePenalty.max_percent = 100.0

# --- Batch grading (mlmath grade) -------------------------------------------------------------------
# Submissions graded at once; 0 means one per CPU core.
c.MlmathGrade.jobs = 0
# What one submission may use while it is graded, in its bubblewrap sandbox (mlmath/config.py explains each).
# A submission that hits a limit is graded on what ran, and the summary and report name the limit.
c.MlmathLimits.notebook_seconds = 300  # wall-clock for the whole notebook (per cell: c.Execute.timeout above)
c.MlmathLimits.cpu_seconds = 240  # CPU time of the kernel
c.MlmathLimits.memory_mb = 2048  # address space per process (the course's imports take ~0.5 GiB)
c.MlmathLimits.processes = 64  # processes and threads of the kernel's user
c.MlmathLimits.file_mb = 64  # largest file written; also the size of the private home and of /tmp
c.MlmathLimits.output_kb = 1024  # output kept per cell
c.MlmathLimits.notebook_mb = 20  # largest submitted notebook graded
# Grading kernels skip drawing the lessons' figures (about 1 s a notebook); True puts them in autograded/.
c.MlmathSandbox.render_figures = False

# --- Collecting submissions from an LMS (`mlmath collect ASSIGNMENT PATH`) ------------------------------
# Regular expressions with a named group `student`, tried on each downloaded file's path (file name first, then
# "<folder>/<file name>", ...). The defaults (mlmath/config.py) read Canvas's and Moodle's download names; to add
# yours after them, e.g. for plain "<student id>.ipynb" files (or assign a whole list to replace them):
# c.MlmathCollect.filename_patterns.append(r"^(?P<student>s\d{7})\.ipynb$")
