"""nbgrader configuration of the course "Mathematics for Machine Learning in Python".

`nbgrader_config.py` loads this file, so plain `nbgrader <command>` run at the repository root uses it.
Everything an instructor may want to change lives here.
"""

import os

c = get_config()  # noqa: F821 -- injected by traitlets when nbgrader loads the file

# --- The course -----------------------------------------------------------------------------------
c.CourseDirectory.course_id = "mlmath"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
# The assignments are the folders of source/: `source/<id>/<id>.ipynb`, ids starting ch1_, ch2_, ...
# Files that never belong in a release or a graded copy.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".DS_Store"]

# --- Student versions -----------------------------------------------------------------------------
# The stub a student sees in place of a reference solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# --- Autograding ----------------------------------------------------------------------------------
# Seconds a single cell may run before it is interrupted and scored 0.
c.Execute.timeout = 60
# A test cell that a student deleted is put back from the gradebook and graded, never skipped.
c.OverwriteCells.add_missing_cells = True
# nbgrader zeroes a test cell whose output contains *anything* on stderr, so a harmless warning
# (a DeprecationWarning from a library, a RuntimeWarning in a student's helper) would cost a passing
# test its points.  Tests in this course fail by raising, never by writing to stderr, so stderr is
# dropped before grades are read.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"(?s).*"
