"""The pure parts of grading on a Dask cluster: what a task carries of the gradebook (the assignment's
read-only rows, nothing of any student), the file names a worker accepts, and the replay of a notebook
executed elsewhere, which must be the same notebook cell for cell."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import nbformat
import pytest
from traitlets.config import Config

from mlmath.course import Course
from mlmath.grading import cluster, pipeline, replay


def cell(grade_id: str, source: str = "pass", **flags):
    made = nbformat.v4.new_code_cell(source)
    made.metadata["nbgrader"] = {"grade_id": grade_id, "grade": False, "solution": False, "locked": False,
                                 **flags}
    return made


def a_gradebook(root: Path) -> Course:
    """A course whose gradebook knows two assignments, and a submission of one of them."""
    from nbgrader.api import Base, Gradebook
    from sqlalchemy import create_engine, text

    (root / "course_config.py").write_text("c = get_config()\n")
    (root / "nbgrader_config.py").write_text("c = get_config()\n")
    url = f"sqlite:///{root / 'gradebook.db'}"
    engine = create_engine(url)  # the tables first, so that nbgrader does not ask alembic (seconds) for a version
    Base.metadata.create_all(engine)
    with engine.begin() as db:
        db.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        db.execute(text("INSERT INTO alembic_version (version_num) VALUES ('d4d4d4d4')"))
    engine.dispose()
    with Gradebook(url, "mlmath") as gb:
        for name in ("ch1", "ch2"):
            gb.add_assignment(name, duedate="2027-02-05 23:59:00")
            gb.add_notebook(name, name)
            gb.add_grade_cell(f"{name}_test", name, name, max_score=2, cell_type="code")
            gb.add_solution_cell(f"{name}_answer", name, name)
            gb.add_source_cell(f"{name}_test", name, name, cell_type="code", source="assert True", locked=True)
        gb.add_student("s1")
        gb.add_submission("ch1", "s1")
    return Course(root)


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader's add_submission, not ours
def test_a_task_carries_only_the_assignments_read_only_rows(tmp_path):
    course = a_gradebook(tmp_path)
    rows = tmp_path / "rows.db"
    rows.write_bytes(cluster.gradebook_rows(course, "ch1"))
    with sqlite3.connect(rows) as db:
        count = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 -- fixed names
                 for t in ("assignment", "notebook", "grade_cells", "solution_cells", "source_cell", "student",
                           "submitted_assignment", "grade")}
        assert db.execute("SELECT name, duedate FROM assignment").fetchall() == [("ch1", "2027-02-05 23:59:00.000000")]
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [("d4d4d4d4",)]
    assert count == {"assignment": 1, "notebook": 1, "grade_cells": 1, "solution_cells": 1, "source_cell": 1,
                     "student": 0, "submitted_assignment": 0, "grade": 0}


def test_a_worker_refuses_file_names_that_leave_its_folder(tmp_path):
    for name in ("../escape.txt", "/etc/passwd", "a/../../b"):
        with pytest.raises(ValueError, match="leaves its folder"):
            cluster._write(tmp_path, {name: b"x"})
    cluster._write(tmp_path, {"sub/ok.txt": b"x"})
    assert (tmp_path / "sub" / "ok.txt").read_bytes() == b"x"


def test_replay_takes_the_place_of_execute_only():
    config = Config()
    pipeline.apply(config)
    pipeline.replay(config, "/somewhere")
    steps = config.Autograde.autograde_preprocessors
    assert steps == [pipeline.REPLAY if s == "mlmath.trusted.execute.TrustedExecute" else s for s in pipeline.AUTOGRADE]
    assert config.ReplayExecute.folder == "/somewhere"


def resources(folder: Path) -> dict:
    return {"nbgrader": {"student": "s1", "assignment": "ch1", "notebook": "ch1"}}


def test_replay_returns_the_notebook_executed_elsewhere(tmp_path):
    sanitized = nbformat.v4.new_notebook(cells=[cell("answer", solution=True), cell("test", grade=True)])
    executed = nbformat.v4.new_notebook(cells=[cell("answer", solution=True), cell("test", grade=True)])
    executed.cells[1].outputs = [nbformat.v4.new_output("stream", text="ran on a worker\n")]
    path = replay.staged(tmp_path, "s1", "ch1", "ch1")
    path.parent.mkdir(parents=True)
    nbformat.write(executed, str(path))
    nb, _ = replay.ReplayExecute(folder=str(tmp_path)).preprocess(sanitized, resources(tmp_path))
    assert nb.cells[1].outputs[0].text == "ran on a worker\n"


def test_replay_refuses_a_notebook_that_is_not_the_same(tmp_path):
    sanitized = nbformat.v4.new_notebook(cells=[cell("answer", solution=True), cell("test", grade=True)])
    other = nbformat.v4.new_notebook(cells=[cell("answer", solution=True)])
    path = replay.staged(tmp_path, "s1", "ch1", "ch1")
    path.parent.mkdir(parents=True)
    nbformat.write(other, str(path))
    with pytest.raises(replay.ReplayMismatch):
        replay.ReplayExecute(folder=str(tmp_path)).preprocess(sanitized, resources(tmp_path))
