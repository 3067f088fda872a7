"""The Formgrader's grading page as mlmath shows it: the rubric beside each written answer, the lesson out of the
way, MathJax from the local installation.

nbgrader's Formgrader renders a graded notebook with an nbconvert `HTMLExporter` built from the course's config
and its `formgrade` template. `apply(c)` (called by `course_config.py`) configures that exporter:

- `c.HTMLExporter.preprocessors` gets `GradersView` (`mlmath/formgrader/view.py`), which acts only on the
  Formgrader's page: it puts the rubric and model answer of each written question (from `source/`) right after
  the student's answer, marked for graders, and hides the lesson cells;
- `c.HTMLExporter.extra_template_basedirs` puts mlmath's `formgrade` template first: nbgrader's own, with MathJax
  loaded from this Jupyter server (`/static/jupyter_server_mathjax/`, the `jupyter-server-mathjax` package, an
  enabled server extension once installed) instead of a CDN, so the page renders maths offline.

The graded notebooks on disk are not changed: the rubric exists only in the page the Formgrader serves to the
teaching team, so no feedback can carry it (`SafeFeedback` also drops any cell marked for graders).
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"


def nbgrader_templates() -> Path:
    """nbgrader's own Formgrader templates (where its `formgrade` and `feedback` templates live)."""
    from nbgrader.server_extensions.formgrader import handlers

    return Path(handlers.template_path)


def apply(c) -> None:
    """Configure the Formgrader's exporter in the traitlets config `c`."""
    c.HTMLExporter.preprocessors = ["mlmath.formgrader.view.GradersView"]
    c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES), str(nbgrader_templates())]
    c.HTMLExporter.extra_template_paths = [str(nbgrader_templates())]
