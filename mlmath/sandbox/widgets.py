"""A notebook run by the course is not a widget front end: a kernel's widgets are neither kept nor answered.

By default nbclient plays a Jupyter front end for ipywidgets. It keeps every widget's state, as the kernel sends
it, in the notebook's metadata (`store_widget_state`), and for an Output widget (which `interact` draws into)
it takes the widget's outputs and answers the kernel with `comm_msg`s on the shell channel. Neither belongs in a
grader or a validator:

- the widget state is whatever the kernel sends, written to the graded notebook outside every output limit (a
  slider whose description is 2 MB made a 2 MB graded notebook), and what an Output widget captured went there
  too instead of to its cell, where the limits count it;
- those answers are sent on the shell socket while nbclient awaits the cell's reply on it, and the reply can
  then go unnoticed until the cell's time limit: on a busy machine a lesson cell with `interact` took 120 s
  instead of half a second (two or three of the five chapters in each full test run; one run in ten beside
  `mlmath demo`), a missed wake-up of the socket's poll, not a slow kernel.

`NoWidgetFrontend` drops the kernel's comm messages, so neither happens. A widget's outputs are then ordinary
outputs of its cell and a widget is shown by its text; nothing else changes. Mix it in before the nbclient class
(`NotebookClient`, nbconvert's `ExecutePreprocessor`, nbgrader's `Execute`).
"""

from __future__ import annotations


class NoWidgetFrontend:
    """Run a notebook's widgets without a front end (see the module's docstring)."""

    def handle_comm_msg(self, outs, msg, cell_index) -> None:
        """nbclient's hook for a kernel's `comm_*` messages, where it keeps widget state and emulates Output
        widgets: here a comm message is dropped. (A hook rather than attributes: nbconvert's ExecutePreprocessor
        re-runs NotebookClient.__init__ for every notebook, which would reset them.)"""
