"""Which gradebook a course uses: `c.CourseDirectory.db_url` of its config, else SQLite at its root; and a
scratch copy never shares a database server's gradebook with the course it was copied from."""

from __future__ import annotations

from pathlib import Path

from mlmath.course import Course, find_root

ROOT = find_root(Path(__file__).parent)
SERVER = "postgresql+psycopg://grader:s3cret@db.example.org:5432/mlmath"


def course_with(tmp_path: Path, extra_config: str = "") -> Course:
    course = Course(ROOT).scratch_copy(tmp_path, with_release=False)
    if extra_config:
        with open(course.root / "course_config.py", "a") as config:
            config.write("\n" + extra_config + "\n")
    return course


def test_the_default_is_nbgraders_sqlite_file_at_the_root(tmp_path):
    course = course_with(tmp_path)
    assert course.gradebook_url == f"sqlite:///{tmp_path / 'gradebook.db'}"
    assert course.gradebook_file == tmp_path / "gradebook.db"
    assert course.gradebook_name == str(tmp_path / "gradebook.db")


def test_a_configured_server_is_used_and_named_without_its_password(tmp_path):
    course = course_with(tmp_path, f"c.CourseDirectory.db_url = {SERVER!r}")
    assert course.gradebook_url == SERVER
    assert course.gradebook_file is None
    assert "s3cret" not in course.gradebook_name and "db.example.org:5432/mlmath" in course.gradebook_name


def test_a_relative_sqlite_path_is_taken_from_the_root(tmp_path):
    course = course_with(tmp_path, 'c.CourseDirectory.db_url = "sqlite:///grades/book.db"')
    assert course.gradebook_file == tmp_path / "grades" / "book.db"


def test_a_scratch_copy_of_a_course_on_a_server_gets_its_own_sqlite_file(tmp_path):
    course = course_with(tmp_path / "course", f"c.CourseDirectory.db_url = {SERVER!r}")
    copy = course.scratch_copy(tmp_path / "copy", with_release=False)
    assert copy.gradebook_file == tmp_path / "copy" / "gradebook.db"
    assert course.gradebook_url == SERVER  # the original is untouched


def test_a_scratch_copy_can_be_pointed_at_a_database(tmp_path):
    other = "postgresql+psycopg://grader@/scratch?host=/tmp/somewhere"
    copy = Course(ROOT).scratch_copy(tmp_path, with_release=False, db_url=other)
    assert copy.gradebook_url == other


def test_a_plain_scratch_copy_keeps_the_config_as_it_was(tmp_path):
    course_with(tmp_path)
    assert (tmp_path / "course_config.py").read_bytes() == (ROOT / "course_config.py").read_bytes()
