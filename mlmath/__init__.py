"""mlmath: the tools of the course "Mathematics for Machine Learning in Python", built on nbgrader.

- `mlmath.course`     where things are: the course root, its assignments, scratch copies of it.
- `mlmath.notebooks`  reading notebooks and their nbgrader cells.
- `mlmath.nbgrader_cli`  running the real `nbgrader` command line and reading its gradebook.
- `mlmath.release`    regenerating `release/` from `source/` and checking the course against itself.
"""

__version__ = "0.1.0"

import sys as _sys

# jsonschema, which nbformat imports, imports `rfc3987_syntax` (if installed, as jupyter-events' jsonschema extra
# has it) to check the "iri" string format, and that module builds about 35 Earley parsers when imported: a
# second of CPU in every process that reads a notebook (jsonschema#1428), each mlmath command and grading
# worker. No schema of nbformat or nbgrader uses that format; without the module, jsonschema leaves it unchecked.
# (`make setup` does the same for every process of the course's environment, nbgrader's and Jupyter's too.)
_sys.modules.setdefault("rfc3987_syntax", None)
