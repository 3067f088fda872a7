"""A student's notebook half done, for the Validate tests: ch1's release notebook with `dot` answered right (the
reference's cell), `norm` answered wrong (the square root forgotten), the other exercises left as their stubs and
the written answer not filled in."""

from __future__ import annotations

from nbformat import NotebookNode

from mlmath import notebooks
from mlmath.course import Course

ASSIGNMENT = "ch1_dot_products"
RIGHT, WRONG = "dot", "norm"
OTHERS = ("cosine_similarity", "matmul", "principal_components")  # left as stubs


def partly_done(course: Course) -> NotebookNode:
    release = notebooks.read(course.release_notebook(ASSIGNMENT))
    source = notebooks.cells_by_id(notebooks.read(course.source_notebook(ASSIGNMENT)))
    answers = notebooks.cells_by_id(release)
    answers[RIGHT].source = source[RIGHT].source
    wrong = source[WRONG].source.replace("np.sqrt(dot(x, x))", "dot(x, x)")
    assert wrong != source[WRONG].source, "ch1's norm changed: update the wrong answer of tests/partly_done.py"
    answers[WRONG].source = wrong
    return release
