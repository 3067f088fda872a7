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

`NoWidgetFrontend` turns both off. A widget's outputs are then ordinary outputs of its cell and a widget is
shown by its text; nothing else changes. Mix it in before the nbclient class (`NotebookClient`, nbconvert's
`ExecutePreprocessor`, nbgrader's `Execute`).
"""

from __future__ import annotations


class NoWidgetFrontend:
    """Run a notebook's widgets without a front end (see the module's docstring)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.store_widget_state = False  # not an option: the state is the kernel's, outside the output limits
        self.comm_open_handlers = {}  # nbclient's hook for comm targets: none, so no Output widget is emulated
