"""The grading pipeline keeps the stops that mlmath's Execute records in the cells' metadata, through
nbconvert's ClearMetadataPreprocessor, which nbgrader's Autograde runs right after Execute."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.converters import Autograde

from mlmath import config, outcomes
from mlmath.course import Course, find_root
from mlmath.grading import pipeline
from mlmath.outcomes import Stop, StopKind

ROOT = find_root(Path(__file__).parent)
STOP = Stop(StopKind.CELL_TIME, "the time limit per cell (60 s)", "dot__hidden")


def graded_notebook() -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("pass")
    cell.metadata["nbgrader"] = {"grade_id": "dot__hidden", "grade": True, "solution": False, "points": 1}
    cell.metadata["collapsed"] = True
    outcomes.record(cell, STOP)
    return nbformat.v4.new_notebook(cells=[cell])


def course_with(tmp_path, extra_config: str) -> Course:
    for name in ("nbgrader_config.py", "course_config.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    with open(tmp_path / "course_config.py", "a") as course_config:
        course_config.write("\n" + extra_config + "\n")
    return Course(tmp_path)


def clear(settings) -> nbformat.NotebookNode:
    """Run the ClearMetadataPreprocessor as nbgrader's Autograde would, configured by `settings`, turned on."""
    chain = [p if isinstance(p, str) else f"{p.__module__}.{p.__name__}"
             for p in Autograde(config=settings).autograde_preprocessors]
    assert chain.index("mlmath.trusted.execute.TrustedExecute") < chain.index(
        "nbconvert.preprocessors.ClearMetadataPreprocessor")
    nb, _ = ClearMetadataPreprocessor(config=settings, enabled=True).preprocess(graded_notebook(), {})
    return nb


def the_workers_settings(course: Course):
    settings = config.load(course)  # plain `nbgrader autograde` stops here: course_config.py applies the pipeline
    pipeline.apply(settings)  # what mlmath grade's workers add
    return settings


def test_the_course_config_keeps_stops_for_plain_nbgrader_and_the_workers():
    assert outcomes.stop_of(clear(config.load(Course(ROOT))).cells[0]) == STOP
    assert outcomes.stop_of(clear(the_workers_settings(Course(ROOT))).cells[0]) == STOP


def test_without_the_pipeline_the_metadata_would_be_lost():  # the test above can fail
    nb, _ = ClearMetadataPreprocessor(enabled=True).preprocess(graded_notebook(), {})
    assert outcomes.stop_of(nb.cells[0]) is None


@pytest.mark.parametrize("keep", ['{"nbgrader"}', '{("nbgrader", "grade_id")}'])
def test_what_a_course_keeps_is_kept_too(tmp_path, keep):
    course = course_with(tmp_path, "c.ClearMetadataPreprocessor.enabled = True\n"
                                   f"c.ClearMetadataPreprocessor.preserve_cell_metadata_mask = {keep}")
    cell = clear(the_workers_settings(course)).cells[0]
    assert outcomes.stop_of(cell) == STOP
    assert cell.metadata["nbgrader"]["grade_id"] == "dot__hidden" and "collapsed" not in cell.metadata


def test_a_mask_added_to_in_the_config_is_kept_too(tmp_path):
    course = course_with(tmp_path, 'c.ClearMetadataPreprocessor.preserve_cell_metadata_mask.add("nbgrader")')
    cell = clear(the_workers_settings(course)).cells[0]
    assert outcomes.stop_of(cell) == STOP and "nbgrader" in cell.metadata
