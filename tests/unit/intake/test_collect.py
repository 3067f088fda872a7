"""collect's pure parts: recognising the student in an LMS file name, and refusing unsafe paths and ids (its size
caps are tested in tests/unit/test_collect_limits.py)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

import nbformat
import pytest

from mlmath.config import MlmathCollect
from mlmath.intake import collect
from mlmath.intake.collect import Download, StudentMatcher

MATCHER = StudentMatcher(MlmathCollect().filename_patterns)
NOTEBOOK = nbformat.writes(nbformat.v4.new_notebook()).encode()


@pytest.mark.parametrize(("path", "student"), [
    ("doejane_123456_7890123_ch1_dot_products.ipynb", "123456"),  # Canvas
    ("doejane_late_123456_7890124_ch1_dot_products-1.ipynb", "123456"),  # Canvas, late, resubmitted
    ("doejane_LATE_123456_7890124_ch1_dot_products.ipynb", "123456"),
    ("123456_7890123_ch1_dot_products.ipynb", "123456"),  # Canvas, anonymous grading
    ("submissions/doejane_123456_7890123_ch1.ipynb", "123456"),  # inside a folder
    ("Jane Doe_4567_assignsubmission_file_ch1.ipynb", "4567"),  # Moodle, flat
    ("Jane Doe_4567_assignsubmission_file_/ch1.ipynb", "4567"),  # Moodle, in folders
    ("Participant_4567_assignsubmission_file_/ch1.ipynb", "4567"),  # Moodle, blind marking
    ("Group A-Jane Doe_4567_assignsubmission_file_/work/ch1.ipynb", "4567"),
])
def test_the_student_is_found_in_canvas_and_moodle_names(path, student):
    assert MATCHER.student(path) == student


@pytest.mark.parametrize("path", [
    "ch1_dot_products.ipynb",  # no id
    "doejane_123456_7890123_ch1_dot_products.py",  # not a notebook
    "Jane Doe_assignsubmission_file_ch1.ipynb",  # Moodle without participant id
    "doejane_abc_7890123_ch1.ipynb",
])
def test_names_without_a_student_match_nothing(path):
    assert MATCHER.student(path) is None


def test_the_shortest_trailing_part_wins():
    matcher = StudentMatcher([r"^(?P<student>s\d{3})\.ipynb$", r"^(?P<student>[a-z]+)/.+\.ipynb$"])
    assert matcher.student("anna/s123.ipynb") == "s123"
    assert matcher.student("anna/work.ipynb") == "anna"


def test_a_pattern_without_a_student_group_is_a_clear_error():
    with pytest.raises(collect.CollectError, match="no named group 'student'"):
        StudentMatcher([r"^(?P<id>\d+)\.ipynb$"])


@pytest.mark.parametrize(("path", "unsafe"), [
    ("doejane_1_2_ch1.ipynb", False),
    ("folder/doejane_1_2_ch1.ipynb", False),
    ("..notes/x.ipynb", False),  # a name that starts with dots is not a parent folder
    ("../x.ipynb", True),
    ("a/../../x.ipynb", True),
    ("/etc/x.ipynb", True),
    ("C:/Users/x.ipynb", True),
    ("c:x.ipynb", True),
])
def test_paths_that_could_leave_the_folder_are_unsafe(path, unsafe):
    assert collect.is_unsafe(path) is unsafe


@pytest.mark.parametrize(("student", "safe"), [
    ("123456", True), ("jane.doe", True), ("", False), (".hidden", False), ("..", False), ("a/b", False),
    ("a\\b", False), ("a\x00b", False),
])
def test_student_ids_must_be_plain_folder_names(student, safe):
    assert collect.is_safe_student(student) is safe


def download(path: str, data: bytes = NOTEBOOK, day: int = 1) -> Download:
    return Download(path, datetime(2027, 2, day, tzinfo=timezone.utc), lambda limit: data[:limit], len(data))


def test_classify_says_why_each_file_is_left_out():
    matches, skipped = collect.classify([
        download("doejane_123_1_ch1.ipynb"),
        download("../doejane_124_1_ch1.ipynb"),
        download("doejane_125_1_notes.txt"),
        download("ch1.ipynb"),
        download("doejane_126_1_ch1.ipynb", b"{not json"),
    ], MATCHER)
    assert [m.student for m in matches] == ["123"]
    assert [(s.path, s.reason.split(" (")[0]) for s in skipped] == [
        ("../doejane_124_1_ch1.ipynb", collect.UNSAFE_PATH.split(" (")[0]),
        ("doejane_125_1_notes.txt", collect.NOT_A_NOTEBOOK),
        ("ch1.ipynb", collect.NO_MATCH),
        ("doejane_126_1_ch1.ipynb", collect.NOT_A_NOTEBOOK),
    ]


def test_an_unsafe_student_id_is_never_used():
    matcher = StudentMatcher([r"^(?P<student>.+)_sub\.ipynb$"])
    matches, skipped = collect.classify([download("a/.._sub.ipynb")], matcher)
    assert not matches and skipped[0].reason.startswith(collect.UNSAFE_STUDENT)


def test_the_newest_file_of_a_student_supersedes_the_older():
    old, new, other = (download("doejane_123_1_ch1.ipynb", day=1), download("doejane_123_2_ch1-1.ipynb", day=3),
                       download("roe_124_3_ch1.ipynb", day=2))
    matches, _ = collect.classify([new, old, other], MATCHER)
    newest, superseded = collect.newest_per_student(matches)
    assert {s: m.download.path for s, m in newest.items()} == {"123": new.path, "124": other.path}
    assert [(s.old.download.path, s.kept.download.path) for s in superseded] == [(old.path, new.path)]


def test_a_zip_is_read_without_extracting_and_keeps_its_unsafe_names(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("doejane_123_1_ch1.ipynb", NOTEBOOK)
        archive.writestr("../../evil_124_1_ch1.ipynb", NOTEBOOK)
        archive.writestr("folder/", b"")
    with zipfile.ZipFile(buffer) as archive:
        downloads = collect.zip_downloads(archive)
        assert [d.path for d in downloads] == ["../../evil_124_1_ch1.ipynb", "doejane_123_1_ch1.ipynb"]
        assert downloads[1].read(len(NOTEBOOK)) == NOTEBOOK
        matches, skipped = collect.classify(downloads, MATCHER)
    assert [m.student for m in matches] == ["123"] and skipped[0].reason == collect.UNSAFE_PATH
    assert list(tmp_path.iterdir()) == []
