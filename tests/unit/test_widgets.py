"""The course runs notebooks without a widget front end (mlmath.sandbox.widgets), fed the messages a kernel sends
for ipywidgets, without a kernel: no widget state reaches the notebook, what an Output widget captures is an
ordinary output of its cell (inside the output limits), and nothing is sent back to the kernel."""

from __future__ import annotations

import json

import pytest
from nbclient import NotebookClient
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_notebook
from traitlets.config import Config

from mlmath.sandbox.execute import GuardedExecute
from mlmath.sandbox.widgets import NoWidgetFrontend
from mlmath.validate import SummaryValidator

CELL = "cell-msg"  # the msg_id of the execute_request of the cell that made the widgets


def notebook() -> NotebookNode:
    return new_notebook(cells=[new_code_cell("")])


def message(kind: str, **content) -> dict:
    return {"msg_type": kind, "header": {"msg_type": kind}, "parent_header": {"msg_id": CELL}, "content": content}


def widget_opened(comm_id: str, model: str, module: str, **state) -> dict:
    state = {"_model_name": model, "_model_module": module, "_model_module_version": "1.0.0", **state}
    return message("comm_open", comm_id=comm_id, target_name="jupyter.widget",
                   data={"state": state, "buffer_paths": []})


class Client(NoWidgetFrontend, NotebookClient):
    pass


def ready(runner):
    """`runner` as nbclient has it before a notebook's first cell."""
    NotebookClient.__init__(runner, runner.nb)  # as nbconvert's ExecutePreprocessor.preprocess does per notebook
    runner.reset_execution_trackers()
    runner.clear_before_next_output = False
    return runner


def new_grader() -> GuardedExecute:
    config = Config()
    config.MlmathLimits.output_kb = 64
    grader = GuardedExecute(config=config, sandboxed=False)
    grader._output_bytes = {}  # as preprocess sets it for each notebook
    grader.nb = notebook()
    return ready(grader)


@pytest.fixture(params=["client", "grader"])
def runner(request):
    return ready(Client(notebook())) if request.param == "client" else new_grader()


def feed(runner, msg: dict) -> None:
    """What nbclient does with one iopub message of the cell."""
    runner.process_message(msg, runner.nb.cells[0], 0)


def test_a_widgets_state_never_reaches_the_notebook(runner):
    feed(runner, widget_opened("slider", "IntSliderModel", "@jupyter-widgets/controls", description="x" * 10**6))
    feed(runner, message("comm_msg", comm_id="slider", data={"method": "update", "state": {"value": 3}}))
    runner.set_widgets_metadata()
    assert not runner.widget_state
    assert "widgets" not in runner.nb.metadata, "the kernel's widget state is kept in the notebook"
    assert len(json.dumps(runner.nb)) < 10_000


def test_what_an_output_widget_captures_is_an_output_of_its_cell(runner):
    feed(runner, widget_opened("out", "OutputModel", "@jupyter-widgets/output", outputs=[], msg_id=""))
    # `with out:` in the kernel: the widget now captures what the cell prints
    feed(runner, message("comm_msg", comm_id="out", data={"method": "update", "state": {"msg_id": CELL}}))
    # kc is None here: an emulated Output widget would answer the kernel on the shell channel and fail
    feed(runner, message("stream", name="stdout", text="drawn inside the widget\n"))
    runner.set_widgets_metadata()
    outputs = runner.nb.cells[0].outputs
    assert [o.get("text") for o in outputs] == ["drawn inside the widget\n"]
    assert "widgets" not in runner.nb.metadata


def test_the_output_limits_apply_to_what_an_output_widget_captures():
    grader = new_grader()
    feed(grader, widget_opened("out", "OutputModel", "@jupyter-widgets/output", outputs=[], msg_id=""))
    feed(grader, message("comm_msg", comm_id="out", data={"method": "update", "state": {"msg_id": CELL}}))
    for _ in range(100):
        feed(grader, message("display_data", data={"text/plain": "y" * 10_000}, metadata={}))
    grader.set_widgets_metadata()
    assert len(json.dumps(grader.nb)) < 2 * 64 * 1024


def test_the_validate_button_runs_widgets_without_a_front_end():
    executes = [p for p in SummaryValidator().preprocessors if p.__name__.endswith("Execute")]
    assert executes and all(issubclass(p, NoWidgetFrontend) for p in executes)
