"""What a kernel sends for one cell is kept within limits (GuardedExecute.output, fed the iopub messages a
kernel could send, without a kernel): bytes per cell and per notebook, outputs per cell, errors, metadata and
display updates, so that a graded notebook stays small whatever a submission does."""

from __future__ import annotations

import json

import pytest
from nbformat import NotebookNode
from traitlets.config import Config

from mlmath.outcomes import OUTPUT_NOTE
from mlmath.sandbox.execute import ERROR_BYTES, MAX_OUTPUTS, METADATA_BYTES, GuardedExecute, shorten_error


@pytest.fixture
def execute() -> GuardedExecute:
    config = Config()
    config.MlmathLimits.output_kb = 64
    config.MlmathLimits.notebook_output_kb = 256
    ex = GuardedExecute(config=config, sandboxed=False)
    ex._output_bytes = {}  # as preprocess sets it for each notebook, and nbclient before running cells
    ex.reset_execution_trackers()
    ex.clear_before_next_output = False
    ex.nb = NotebookNode(cells=[NotebookNode(cell_type="code", outputs=[], source="") for _ in range(100)])
    return ex


def message(kind: str, **content) -> dict:
    return {"msg_type": kind, "header": {"msg_type": kind}, "parent_header": {"msg_id": "m"}, "content": content}


def send(ex: GuardedExecute, cell: int, msg: dict) -> None:
    """What nbclient does with one iopub message of a cell."""
    ex.process_message(msg, ex.nb.cells[cell], cell)


def size(ex: GuardedExecute) -> int:
    return len(json.dumps(ex.nb))


def notes(outputs) -> list[str]:
    return [o.text for o in outputs if o.get("output_type") == "stream" and o.text.startswith(OUTPUT_NOTE)]


def test_many_small_outputs_are_capped_in_number(execute):
    for number in range(10_000):
        send(execute, 0, message("display_data", data={"text/plain": str(number)}, metadata={}))
    outputs = execute.nb.cells[0].outputs
    assert len(outputs) == MAX_OUTPUTS + 1 and notes(outputs) == [
        f"{OUTPUT_NOTE} ({MAX_OUTPUTS} outputs per cell) was reached; the rest was dropped]\n"]


def test_printed_lines_are_merged_not_counted(execute):
    for number in range(1000):
        send(execute, 0, message("stream", name="stdout", text=f"step {number}\n"))
    outputs = execute.nb.cells[0].outputs
    assert len(outputs) == 1 and outputs[0].text.count("step") == 1000 and not notes(outputs)


def test_big_metadata_is_dropped(execute):
    send(execute, 0, message("display_data", data={"text/plain": "x"}, metadata={"pad": "m" * 10 * METADATA_BYTES}))
    send(execute, 0, message("display_data", data={"text/plain": "y"}, metadata={"width": 10}))
    assert [o.metadata for o in execute.nb.cells[0].outputs] == [{}, {"width": 10}]


def test_an_error_is_kept_shortened_and_later_ones_are_counted(execute):
    for _ in range(300):
        send(execute, 0, message("error", ename="E" * 10**5, evalue="v" * 10**6, traceback=["t" * 10**4] * 100))
    outputs = execute.nb.cells[0].outputs
    errors = [o for o in outputs if o.output_type == "error"]
    assert errors and len(errors[0].ename) == 200
    assert all(len(json.dumps(e)) < ERROR_BYTES + 1024 for e in errors)
    assert size(execute) < 64 * 1024 + 100 * 1024


def test_the_first_error_of_a_cell_is_always_kept(execute):
    for cell in range(1, 50):  # use up the notebook's output
        send(execute, cell, message("stream", name="stdout", text="x" * 60 * 1024))
    send(execute, 60, message("error", ename="ValueError", evalue="bad " * 10**5, traceback=["line"] * 10**4))
    assert [o.ename for o in execute.nb.cells[60].outputs if o.output_type == "error"] == ["ValueError"]


def test_the_notebook_is_capped_across_cells(execute):
    for cell in range(100):
        for _ in range(10):
            send(execute, cell, message("display_data", data={"text/plain": "x" * 10_000}, metadata={}))
    assert size(execute) < 256 * 1024 + 100 * 200
    assert "256 KiB per notebook" in notes(execute.nb.cells[-1].outputs)[0]


def test_a_display_update_cannot_grow_what_was_kept(execute):
    for _ in range(MAX_OUTPUTS):
        send(execute, 0, message("display_data", data={"text/plain": "."}, metadata={},
                                 transient={"display_id": "d"}))
    send(execute, 1, message("update_display_data", data={"text/plain": "u" * 10**7}, metadata={},
                             transient={"display_id": "d"}))
    assert size(execute) < 100 * 1024


def test_the_reply_error_is_not_recorded_again_in_full(execute):
    huge = {"ename": "E" * 10**6, "evalue": "m" * 10**7, "traceback": ["t" * 10**5] * 50}
    send(execute, 0, message("error", **dict(huge)))
    execute.on_cell_executed(cell=execute.nb.cells[0], cell_index=0,
                             execute_reply={"content": {"status": "error", **huge}})
    assert len(execute.nb.cells[0].outputs) == 1 and size(execute) < 2 * ERROR_BYTES


def test_shorten_error_keeps_the_last_traceback_lines():
    content = {"ename": "ValueError", "evalue": "bad", "traceback": [f"frame {n}" for n in range(100)]}
    shorten_error(content, 1000)
    assert content["traceback"][-1] == "frame 99" and len(content["traceback"]) <= 40
