"""The end-of-run summary of `mlmath grade`: counts under the one table of labels, then who needs a person."""

from __future__ import annotations

import io

from mlmath.grading import batch
from mlmath.grading.worker import Outcome
from mlmath.outcomes import LABELS, Status


def summary() -> batch.Summary:
    return batch.Summary("ch1", outcomes=[
        Outcome("amy", Status.GRADED, "", 3.0),
        Outcome("bob", Status.TIMED_OUT, "graded on what ran: the time limit per cell (60 s) in dot__hidden", 61.0),
        Outcome("cid", Status.FAILED, "cid.ipynb is empty", 0.1),
        Outcome("dan", Status.CRASHED, "graded on what ran: the kernel stopped (killed by SIGSEGV) in norm", 4.0),
        Outcome("eve", Status.LIMITED, "graded on what ran: the memory limit in norm__hidden", 5.0, ("a note",)),
    ], unchanged=["fay"])


def test_the_counts_use_every_label_in_order():
    first = batch.format_summary(summary()).splitlines()[0]
    assert first == ("ch1: graded 1, failed to grade 1, timed out 1, hit a limit 1, crashed 1, "
                     "unchanged since last run 1")
    assert [first.index(label + " ") for label in LABELS.values()] == sorted(
        first.index(label + " ") for label in LABELS.values())


def test_everyone_who_needs_a_person_is_named_with_the_label_and_reason():
    lines = batch.format_summary(summary()).splitlines()[1:]
    for outcome in summary().outcomes[1:]:
        line = next(li for li in lines if f" {outcome.student}: {outcome.reason}" in li)
        assert line.strip().startswith(LABELS[outcome.status]), line
    assert not any(" amy:" in line for line in lines)
    assert any(line.split()[0] == "note" and "eve: a note" in line for line in lines)


def test_an_interrupted_run_says_what_is_left():
    interrupted = summary()
    interrupted.interrupted = ["gus", "hal"]
    text = batch.format_summary(interrupted)
    assert "not graded (interrupted) 2" in text and "run `mlmath grade` again" in text


def test_progress_lines_use_the_labels():
    stream = io.StringIO()  # not a terminal: one line per submission
    with batch.Progress(5, stream) as progress:
        progress.update(summary().outcomes[1], 1, 5)
    assert stream.getvalue().startswith("1/5 bob: timed out - graded on what ran")
