"""mlmath: the tools of the course "Mathematics for Machine Learning in Python", built on nbgrader.

- `mlmath.course`     where things are: the course root, its assignments, scratch copies of it.
- `mlmath.notebooks`  reading notebooks and their nbgrader cells.
- `mlmath.nbgrader_cli`  running the real `nbgrader` command line and reading its gradebook.
- `mlmath.release`    regenerating `release/` from `source/` and checking the course against itself.
"""

__version__ = "0.1.0"
