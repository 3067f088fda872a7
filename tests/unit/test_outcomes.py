"""The shared vocabulary of outcomes: statuses, their labels, and stops recorded in cell metadata."""

from __future__ import annotations

import json

import nbformat
import pytest

from mlmath import outcomes
from mlmath.outcomes import LABELS, STATUS_OF_STOP, Status, Stop, StopKind


def code_cell(grade_id: str | None = None) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("pass")
    if grade_id:
        cell.metadata["nbgrader"] = {"grade_id": grade_id, "grade": True, "solution": False, "points": 1}
    return cell


def test_every_status_and_every_stop_kind_has_exactly_one_label_and_status():
    assert set(LABELS) == set(Status)
    assert len(set(LABELS.values())) == len(LABELS), "two statuses shown with the same words"
    assert set(STATUS_OF_STOP) == set(StopKind)


def test_a_kernel_that_ignored_the_interrupt_is_a_time_limit_not_a_crash():
    stop = Stop(StopKind.CELL_TIME, "the time limit per cell (60 s); the kernel did not stop when interrupted",
                "dot__hidden")
    assert stop.status is Status.TIMED_OUT and stop.timed
    assert Stop(StopKind.KERNEL_DIED, "the kernel stopped (killed by SIGSEGV)", "x").status is Status.CRASHED
    assert Stop(StopKind.LIMIT, "the memory limit", "x").status is Status.LIMITED
    assert Stop(StopKind.NOTEBOOK_TIME, "the time limit per notebook (300 s)", "x").status is Status.TIMED_OUT


def test_status_is_its_value_in_text_and_json():
    assert f"{Status.TIMED_OUT}" == str(Status.TIMED_OUT) == "timed_out"
    assert json.dumps({"s": Status.LIMITED}) == '{"s": "limit"}'
    assert Status("crashed") is Status.CRASHED and Status.LIMITED.label == "hit a limit"


def test_a_stop_survives_the_notebook_file():
    nb = nbformat.v4.new_notebook(cells=[code_cell("a"), code_cell("b"), code_cell()])
    stop = Stop(StopKind.KERNEL_DIED, "the kernel stopped (killed by SIGSEGV)", "b")
    outcomes.record(nb.cells[1], stop)
    outcomes.record(nb.cells[2], Stop(stop.kind, stop.detail, stop.cell, ran=False))
    read = nbformat.reads(nbformat.writes(nb), as_version=4)
    assert outcomes.stop_of(read.cells[0]) is None
    assert outcomes.stop_of(read.cells[1]) == stop
    assert outcomes.stop_of(read.cells[2]).ran is False
    assert outcomes.first_stop(read.cells) == stop


def test_a_stop_sits_beside_the_other_metadata_of_the_grader():
    cell = code_cell("a")
    cell.metadata["mlmath"] = {"verdict": "test kernel"}
    stop = Stop(StopKind.LIMIT, "the memory limit, in a call of the answer's code", "a")
    outcomes.record(cell, stop)
    assert cell.metadata["mlmath"]["verdict"] == "test kernel" and outcomes.stop_of(cell) == stop


def test_the_first_stop_of_a_cell_is_kept():
    cell = code_cell("a")
    first = Stop(StopKind.CELL_TIME, "the time limit per cell (60 s)", "a")
    outcomes.record(cell, first)
    outcomes.record(cell, Stop(StopKind.LIMIT, "the output limit (1024 KiB per cell)", "a"))
    assert outcomes.stop_of(cell) == first


def test_what_a_submission_says_about_stops_is_forgotten():
    cell = code_cell("a")
    cell.metadata["mlmath"] = {"stop": {"kind": "cell_time", "detail": "forged", "cell": "a"}, "verdict": "x"}
    outcomes.forget([cell, nbformat.v4.new_markdown_cell("text")])
    assert outcomes.stop_of(cell) is None and "mlmath" not in cell.metadata and "nbgrader" in cell.metadata


@pytest.mark.parametrize("data", [None, "cell_time", {"stop": "cell_time"}, {"stop": {"kind": "nonsense"}},
                                  {"stop": {"detail": "no kind"}}, {"verdict": "test kernel"}, [1, 2]])
def test_anything_that_is_not_a_stop_reads_as_none(data):
    cell = code_cell("a")
    cell.metadata["mlmath"] = data
    assert outcomes.stop_of(cell) is None


def test_the_status_and_reason_come_from_the_first_stop():
    assert outcomes.status_of(None) is Status.GRADED and outcomes.reason_of(None) == ""
    stop = Stop(StopKind.LIMIT, "killed by the CPU time limit (SIGXCPU)", "norm__hidden")
    assert outcomes.status_of(stop) is Status.LIMITED
    assert outcomes.reason_of(stop) == "graded on what ran: killed by the CPU time limit (SIGXCPU) in norm__hidden"


@pytest.mark.parametrize(("ename", "evalue", "limit"), [
    ("MemoryError", "", "the memory limit"),
    ("BlockingIOError", "[Errno 11] Resource temporarily unavailable", "the process limit"),
    ("RuntimeError", "can't start new thread", "the process limit"),
    ("ValueError", "the memory limit", None),
    ("AssertionError", "x is not close to y", None),
])
def test_a_limit_that_only_raises_is_recognised_by_the_kernels_error(ename, evalue, limit):
    assert outcomes.raised_limit(ename, evalue) == limit


def test_cell_names_are_grade_ids_or_positions():
    assert outcomes.cell_name(code_cell("dot__visible"), 3) == "dot__visible"
    assert outcomes.cell_name(code_cell(), 3) == "cell 4"
