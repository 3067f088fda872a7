"""Getting the gradebook ready for several graders at once, and telling it the due dates.

nbgrader's gradebook is by default one SQLite file. Workers in separate processes write to it as they finish,
so it runs in write-ahead-log mode (readers never block the one writer) and every connection waits for the
lock instead of failing at once with "database is locked". A gradebook on a database server
(`c.CourseDirectory.db_url`, e.g. PostgreSQL) needs neither.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine

from mlmath.course import Course

#: How long a connection waits for another process's write to finish, in milliseconds.
BUSY_TIMEOUT_MS = 120_000


def wait_for_locks() -> None:
    """Make every SQLite connection this process opens from now on wait for locks (idempotent)."""
    if not event.contains(Engine, "connect", _set_busy_timeout):
        event.listen(Engine, "connect", _set_busy_timeout)


def _set_busy_timeout(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def alembic_head() -> str:
    """The schema version of a new nbgrader gradebook: the head revision of nbgrader's own alembic migrations,
    read in this process (what `alembic heads` prints for them)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import ALEMBIC_DIR

    settings = Config()
    settings.set_main_option("script_location", ALEMBIC_DIR)
    head = ScriptDirectory.from_config(settings).get_current_head()
    if not head:
        raise RuntimeError(f"no alembic head in {ALEMBIC_DIR}")
    return head


def read_schema_version_in_process() -> None:
    """Let this process's nbgrader learn a new gradebook's schema version from `alembic_head` (0.13 CPU-s) instead
    of running `alembic heads` in a subprocess (1.7 CPU-s, paid by every course's first gradebook: every scratch
    course of the answer bank, the demo and the tests). The same version; should alembic's API fail, nbgrader's
    own way is used. Idempotent; `course_config.py` calls it, so every nbgrader and mlmath process does."""
    import nbgrader.api

    if getattr(nbgrader.api.get_alembic_version, "__module__", "") == __name__:
        return
    subprocess_version = nbgrader.api.get_alembic_version

    def get_alembic_version() -> str:
        try:
            return alembic_head()
        except Exception:  # noqa: BLE001 -- any failure: nbgrader's own subprocess, which says what is wrong
            return subprocess_version()

    nbgrader.api.get_alembic_version = get_alembic_version


def prepare(course: Course, assignment: str, due_date: str | None) -> None:
    """Open (or create) the gradebook in WAL mode and record the assignment's due date.

    Raises
    ------
    LookupError
        If the gradebook does not know the assignment (run `mlmath release` or
        `nbgrader generate_assignment` first), or cannot be opened (a database server not reached).
    """
    from nbgrader.api import MissingEntry

    wait_for_locks()
    file = course.gradebook_file
    if file is not None:
        with sqlite3.connect(file, timeout=BUSY_TIMEOUT_MS / 1000) as db:
            db.execute("PRAGMA journal_mode = WAL")
    with opened(course) as gb:
        try:
            found = gb.find_assignment(assignment)
        except MissingEntry:
            found = None
        if found is None or not found.notebooks:
            raise LookupError(
                f"the gradebook does not know {assignment}: run `mlmath release {assignment}` "
                f"(nbgrader generate_assignment) first"
            )
        if due_date:
            gb.update_or_create_assignment(assignment, duedate=due_date)


class GradebookUnreachable(LookupError):
    """The gradebook could not be opened: its database server is not reached, or refuses the connection."""


def connect(course: Course):
    """nbgrader's Gradebook of the course, open (close it); GradebookUnreachable, naming the gradebook without
    its password, when it cannot be opened."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import OperationalError

    try:
        return Gradebook(course.gradebook_url)
    except OperationalError as error:
        reason = str(error.orig or error).strip().splitlines()[0][:300]
        raise GradebookUnreachable(f"cannot open the gradebook {course.gradebook_name}: {reason}") from None


@contextmanager
def opened(course: Course) -> Iterator:
    """`connect`, closed on the way out."""
    with connect(course) as gb:
        yield gb
