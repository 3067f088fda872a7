"""Students' names for the gradebook: from the LMS download, or from a roster CSV.

The Formgrader lists students as "last name, first name"; without names every row reads "None, None".
`mlmath collect` records, for each student it collects, the name the download carries (the `name` group of
`c.MlmathCollect.filename_patterns`):

- Moodle gives the full name ("Jane Doe_4567_assignsubmission_file_..."): the last word is recorded as the last
  name, the rest as the first name; blind marking's "Participant" records no name.
- Canvas gives its sortable name squeezed to one lower-case word ("doejane_123456_..."): it is recorded whole as
  the last name, since the split between the names is lost.

A roster CSV (`mlmath collect ... --roster roster.csv`) with a header row and the columns `id` (the student id in
`submitted/`), `first_name`, `last_name` and optionally `email` gives the names exactly; Canvas's gradebook export
(`Student`, `ID`) is read too ("Doe, Jane" is split at the comma). A name from a roster is never replaced by one
read from a download.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from mlmath.course import Course

#: What Moodle puts in place of the name under blind marking.
ANONYMOUS = {"participant"}


@dataclass(frozen=True)
class Name:
    first: str | None
    last: str | None
    email: str | None = None
    from_roster: bool = False


class RosterError(ValueError):
    """A roster CSV that cannot be read."""


def name_from_download(raw: str | None) -> Name | None:
    """The name a download's file name carries ("Jane Doe", "doejane"), or None for none or an anonymous one."""
    if not raw:
        return None
    raw = raw.strip()
    if not raw or raw.lower() in ANONYMOUS:
        return None
    if " " in raw:
        first, last = raw.rsplit(" ", 1)
        return Name(first.strip(), last.strip())
    return Name(None, raw)


def read_roster(path: Path) -> dict[str, Name]:
    """The students of a roster CSV by id: columns id, first_name, last_name[, email] or Canvas's Student, ID."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise RosterError(f"cannot read the roster {path}: {error}") from error
    if not rows:
        return {}
    columns = {c.strip().lower(): c for c in rows[0] if c}
    names = {}
    for row in rows:
        value = {key: (row.get(column) or "").strip() for key, column in columns.items()}
        if "first_name" in value or "last_name" in value:
            student, name = value.get("id", ""), Name(value.get("first_name") or None, value.get("last_name") or None,
                                                       value.get("email") or None, True)
        elif "student" in value:  # Canvas's gradebook export: "Doe, Jane"
            student = value.get("id", "")
            last, _, first = value["student"].partition(",")
            name = Name(first.strip() or None, last.strip() or None, None, True)
        else:
            raise RosterError(f"the roster {path} needs the columns id, first_name, last_name (or Canvas's "
                              f"Student and ID); it has {', '.join(columns) or 'none'}")
        if not student:
            if value.get("student", "").lower().startswith("points possible"):
                continue
            raise RosterError(f"a row of the roster {path} has no id")
        names[student] = name
    return names


def record_names(course: Course, names: dict[str, Name]) -> int:
    """Write the names into the gradebook; a download's name does not replace a roster's. Return how many changed."""
    from nbgrader.api import Gradebook, MissingEntry

    from mlmath.grading.gradebook import wait_for_locks

    wait_for_locks()
    changed = 0
    with Gradebook(course.gradebook_url) as gb:
        for student, name in names.items():
            try:
                known = gb.find_student(student)
            except MissingEntry:
                known = None
            if known is not None and not name.from_roster and (known.first_name or known.last_name):
                continue  # keep what is there (a roster's, or an earlier download's)
            values = {"first_name": name.first or "", "last_name": name.last or ""}
            if name.email:
                values["email"] = name.email
            if known is None or any(getattr(known, k) != v for k, v in values.items()):
                gb.update_or_create_student(student, **values)
                changed += 1
    return changed
