"""Grading records: what `mlmath grade` remembers of each submission, one JSON file per assignment."""

from __future__ import annotations

import json
import os

import pytest

from mlmath.course import Course
from mlmath.grading import records
from mlmath.grading.records import GradeRecord
from mlmath.outcomes import Status


@pytest.fixture
def course(tmp_path) -> Course:
    return Course(tmp_path)


def sample() -> dict[str, GradeRecord]:
    return {
        "bob": GradeRecord("bob", "ch1", Status.TIMED_OUT, "graded on what ran: the time limit per cell (60 s) in "
                           "dot__hidden", "f" * 64, 12.5, ["a note"]),
        "amy": GradeRecord("amy", "ch1", Status.FAILED, "amy.ipynb is empty"),
        "cid": GradeRecord("cid", "ch1", Status.GRADED),
    }


def test_records_round_trip(course):
    assert records.load(course, "ch1") == {}
    records.save(course, "ch1", sample())
    loaded = records.load(course, "ch1")
    assert loaded == sample()
    assert all(isinstance(r.status, Status) for r in loaded.values())
    assert records.load(course, "ch2") == {}


def test_the_file_holds_plain_status_values_sorted_by_student(course):
    records.save(course, "ch1", sample())
    raw = json.loads(records.path(course, "ch1").read_text())
    assert list(raw) == ["amy", "bob", "cid"]
    assert {s: r["status"] for s, r in raw.items()} == {"amy": "failed", "bob": "timed_out", "cid": "graded"}


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError):
        GradeRecord("x", "ch1", "nearly graded")


def test_a_save_that_fails_half_way_leaves_the_previous_file_whole(course, monkeypatch):
    records.save(course, "ch1", sample())
    before = records.path(course, "ch1").read_bytes()

    def crash(src, dst):
        raise KeyboardInterrupt  # Ctrl-C between writing the new file and putting it in place

    monkeypatch.setattr(os, "replace", crash)
    changed = dict(sample(), dan=GradeRecord("dan", "ch1", Status.GRADED))
    with pytest.raises(KeyboardInterrupt):
        records.save(course, "ch1", changed)
    assert records.path(course, "ch1").read_bytes() == before
    monkeypatch.undo()
    records.save(course, "ch1", changed)
    assert set(records.load(course, "ch1")) == {"amy", "bob", "cid", "dan"}
    assert [p.name for p in records.path(course, "ch1").parent.iterdir()] == ["ch1.json"]
