"""`mlmath collect ASSIGNMENT PATH`: files downloaded from an LMS (a folder or a .zip, one notebook per student)
into nbgrader's `submitted/<student>/<ASSIGNMENT>/<ASSIGNMENT>.ipynb`, each with its `timestamp.txt`.

The student is read from the file's name with the regular expressions of `c.MlmathCollect.filename_patterns`
(course_config.py), each applied through nbgrader's own `FileNameCollectorPlugin` (the plugin of
`nbgrader zip_collect`) to the file's path inside PATH, its shortest trailing part first: the file name
("doejane_123456_7890123_ch1.ipynb", Canvas), then the folder and the file name ("Jane Doe_4567_
assignsubmission_file_/ch1.ipynb", Moodle's download in folders), and so on. `timestamp.txt` is written in
nbgrader's exchange format and read back by nbgrader's `parse_utc`, as `CourseDirectory.get_existing_timestamp`
reads it.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import stat
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

import nbformat

from mlmath.config import MlmathCollect, MlmathLimits, load
from mlmath.course import Course
from mlmath.intake import roster as roster_names

# nbgrader is imported where it is used: importing it loads its Jupyter server extensions (seconds), which
# `mlmath --help` and the other commands should not pay for.

#: Why a downloaded file was not collected.
NOT_A_NOTEBOOK = "not a notebook"
NO_MATCH = "no pattern matched"
UNSAFE_PATH = "unsafe path (absolute or with '..'): never extracted"
UNSAFE_STUDENT = "unsafe student id (not a plain folder name)"
NOT_A_FILE = "not a plain file"
TOO_BIG = "too big"
TOTAL_REACHED = "not read: the download's total limit"

MIB = 1024 * 1024


@dataclass(frozen=True)
class Caps:
    """How much of a download is read: each notebook (c.MlmathLimits.notebook_mb, as `grade` would refuse a
    bigger one), and every notebook together (c.MlmathCollect.total_mb)."""

    file_bytes: int = 20 * MIB
    total_bytes: int = 2048 * MIB


class CollectError(RuntimeError):
    """A bad argument: unknown assignment, missing PATH, a PATH that is neither a folder nor a readable zip."""


@dataclass(frozen=True)
class Download:
    """One file of the LMS download: its path inside the folder or zip, its time (UTC), its declared size and
    a way to read at most n of its bytes (never more, whatever the size said)."""

    path: str  # posix, relative to PATH
    timestamp: datetime  # aware, UTC
    read: Callable[[int], bytes] = field(repr=False, compare=False)
    size: int = 0  # as the folder entry or the zip's directory declares it
    kind: str = ""  # "" for a plain file; else what it is (a symbolic link, a FIFO...): never read


@dataclass(frozen=True)
class Match:
    """A downloaded notebook and the student it belongs to."""

    student: str
    download: Download
    data: bytes = field(repr=False)
    name: str | None = None  # the student's name as the download gives it (the pattern's `name` group)


@dataclass(frozen=True)
class Skipped:
    """A downloaded file that was not collected, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Superseded:
    """An older file of a student who has a newer one in the same download."""

    old: Match
    kept: Match


@dataclass
class Report:
    """What `collect` did: each collected student's status (new / updated / unchanged) and what it left out."""

    assignment: str
    source: Path
    status: dict[str, tuple[str, Match]] = field(default_factory=dict)  # student -> (status, match)
    named: int = 0  # students whose name was written into the gradebook
    superseded: list[Superseded] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def students(self, status: str) -> list[str]:
        return sorted(s for s, (st, _) in self.status.items() if st == status)


# --- Reading the download ---------------------------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken as local time (as `unzip` and file managers show it)."""
    return moment.astimezone(timezone.utc)


def read_file(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a plain file, never following a link or blocking on a FIFO."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise OSError(f"{path} is not a plain file")
        return file.read(limit)


def folder_downloads(root: Path) -> list[Download]:
    """Every file under `root` (nested folders included, links never followed), dated by its modification
    time; a link or special file is listed with its kind and never read."""
    found = []
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            info = path.lstat()
            moment = datetime.fromtimestamp(info.st_mtime, tz=timezone.utc)
            kind = "" if stat.S_ISREG(info.st_mode) else "a symbolic link" if stat.S_ISLNK(info.st_mode) else (
                "a special file (FIFO, socket or device)")
            found.append(Download(path.relative_to(root).as_posix(), moment,
                                  lambda limit, path=path: read_file(path, limit), info.st_size, kind))
    return sorted(found, key=lambda d: d.path)


def read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most `limit` bytes of a zip entry, decompressed as they are read (a small archive can declare, or
    hold, a huge file)."""
    with archive.open(info) as entry:
        return entry.read(limit)


def zip_downloads(archive: zipfile.ZipFile) -> list[Download]:
    """Every file entry of an open zip, dated by the entry's `date_time`; nothing is extracted to disk."""
    found = []
    for info in archive.infolist():
        if info.is_dir():
            continue
        moment = _utc(datetime(*info.date_time))
        found.append(Download(info.filename.replace("\\", "/"), moment,
                              lambda limit, info=info: read_entry(archive, info, limit), info.file_size))
    return sorted(found, key=lambda d: d.path)


def is_unsafe(path: str) -> bool:
    """True for a path that could point outside the folder it is extracted to (zip path traversal)."""
    parts = PurePosixPath(path).parts
    return path.startswith("/") or ".." in parts or bool(parts and re.match(r"^[A-Za-z]:", parts[0]))


# --- Recognising the student ------------------------------------------------------------------------------


class StudentMatcher:
    """The course's filename patterns, each run by an nbgrader `FileNameCollectorPlugin`.

    Parameters
    ----------
    patterns
        Regular expressions with a named group `student`, tried in order.
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        from nbgrader.plugins import FileNameCollectorPlugin

        quiet = logging.getLogger("mlmath.collect.plugin")  # the plugin warns on every non-match
        quiet.setLevel(logging.ERROR)
        self.plugins = []
        for pattern in patterns:
            if "student" not in re.compile(pattern).groupindex:
                raise CollectError(f"filename pattern {pattern!r} has no named group 'student'")
            self.plugins.append(FileNameCollectorPlugin(named_regexp=pattern, valid_ext=[".ipynb"], log=quiet))

    def student(self, path: str) -> str | None:
        """The student of a downloaded notebook: the first pattern matching the path's shortest trailing part.

        Examples
        --------
        >>> StudentMatcher([r"^(?P<name>.+?)_(?P<student>\\d+)_assignsubmission_file_.+\\.ipynb$"]).student(
        ...     "Jane Doe_4567_assignsubmission_file_/ch1.ipynb")
        '4567'
        """
        return self.matched(path)[0]

    def matched(self, path: str) -> tuple[str | None, str | None]:
        """(student, name) of a downloaded notebook, as `student` finds them; the name is the pattern's `name`
        group (None where the pattern has none or it matched nothing)."""
        parts = PurePosixPath(path).parts
        for start in range(len(parts) - 1, -1, -1):
            tail = "/".join(parts[start:])
            for plugin in self.plugins:
                found = plugin.collect(tail)
                if found and found.get("student"):
                    return found["student"], found.get("name") or None
        return None, None


def is_safe_student(student: str) -> bool:
    """A student id usable as one folder name under submitted/: no separators, not hidden, not '.' or '..'."""
    return bool(student) and not student.startswith(".") and not re.search(r"[/\\\x00]", student)


def is_notebook(data: bytes) -> bool:
    """True if the bytes are a notebook nbformat can read."""
    try:
        nbformat.reads(data.decode("utf-8"), as_version=4)
    except Exception:  # any failure to read it means "not a notebook"
        return False
    return True


def too_big(size: int, caps: Caps) -> str:
    limit = caps.file_bytes / MIB
    return f"{TOO_BIG}: {size / MIB:.1f} MiB, over the limit of {limit:g} MiB (c.MlmathLimits.notebook_mb)"


def read_capped(download: Download, caps: Caps, total: int) -> tuple[bytes | None, str]:
    """The download's bytes, or None and why not: its declared size is checked first, then at most one byte
    past the cap is read (a size that lied is caught there), and the total read so far is capped."""
    if download.kind:
        return None, f"{NOT_A_FILE} ({download.kind}): never read"
    if download.size > caps.file_bytes:
        return None, too_big(download.size, caps)
    if total + download.size > caps.total_bytes:
        return None, f"{TOTAL_REACHED} of {caps.total_bytes / MIB:g} MiB (c.MlmathCollect.total_mb) was reached"
    try:
        data = download.read(min(caps.file_bytes, caps.total_bytes - total) + 1)
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError) as error:  # corrupt or encrypted
        return None, f"{NOT_A_NOTEBOOK} (unreadable: {type(error).__name__}: {str(error)[:100]})"
    if len(data) > caps.file_bytes:
        return None, f"{TOO_BIG}: more than {caps.file_bytes / MIB:g} MiB when read (its size said " \
            f"{download.size} bytes; c.MlmathLimits.notebook_mb)"
    if total + len(data) > caps.total_bytes:
        return None, f"{TOTAL_REACHED} of {caps.total_bytes / MIB:g} MiB (c.MlmathCollect.total_mb) was reached"
    return data, ""


def classify(
    downloads: Iterable[Download], matcher: StudentMatcher, caps: Caps = Caps()
) -> tuple[list[Match], list[Skipped]]:
    """Split the download into notebooks with a student and files left out (with the reason).

    Only the notebooks matched to a student are read, each within `caps.file_bytes` and all of them within
    `caps.total_bytes`: a bigger one is listed as left out, and the rest is collected.
    """
    matches, skipped = [], []
    total = 0
    for download in downloads:
        if is_unsafe(download.path):
            skipped.append(Skipped(download.path, UNSAFE_PATH))
        elif not download.path.lower().endswith(".ipynb"):
            skipped.append(Skipped(download.path, NOT_A_NOTEBOOK))
        elif (student := (found := matcher.matched(download.path))[0]) is None:
            skipped.append(Skipped(download.path, NO_MATCH))
        elif not is_safe_student(student):
            skipped.append(Skipped(download.path, f"{UNSAFE_STUDENT}: {student!r}"))
        else:
            data, reason = read_capped(download, caps, total)
            if data is None:
                skipped.append(Skipped(download.path, reason))
                continue
            total += len(data)
            if not is_notebook(data):
                skipped.append(Skipped(download.path, f"{NOT_A_NOTEBOOK} (unreadable by nbformat)"))
            else:
                matches.append(Match(student, download, data, found[1]))
    return matches, skipped


def newest_per_student(matches: Iterable[Match]) -> tuple[dict[str, Match], list[Superseded]]:
    """Each student's newest file (latest timestamp, then last path), and the older ones it supersedes."""
    by_student: dict[str, list[Match]] = {}
    for match in matches:
        by_student.setdefault(match.student, []).append(match)
    newest, superseded = {}, []
    for student, files in sorted(by_student.items()):
        files.sort(key=lambda m: (m.download.timestamp, m.download.path))
        newest[student] = files[-1]
        superseded.extend(Superseded(old, files[-1]) for old in files[:-1])
    return newest, superseded


# --- Writing submitted/ -----------------------------------------------------------------------------------


def format_timestamp(moment: datetime) -> str:
    """A timestamp.txt line in nbgrader's format, e.g. '2027-02-01 23:59:00.000000 UTC'.

    The format is the default of nbgrader's `Exchange.timestamp_format`: what `nbgrader submit` writes to
    timestamp.txt and `nbgrader collect` copies, read back by `nbgrader.utils.parse_utc`.
    """
    from nbgrader.exchange.abc.exchange import Exchange

    return _utc(moment).strftime(Exchange.class_traits()["timestamp_format"].default_value)


def install(course: Course, assignment: str, match: Match) -> str:
    """Put one student's notebook and timestamp.txt in submitted/; return 'new', 'updated' or 'unchanged'.

    An existing submission folder is replaced (wholly) only if its notebook differs from the new one.
    """
    notebook = course.submitted_notebook(match.student, assignment)
    folder = notebook.parent
    if not folder.resolve().is_relative_to(course.submitted.resolve()):
        raise CollectError(f"refusing to write outside {course.submitted}: {folder}")
    if notebook.is_file() and notebook.read_bytes() == match.data:
        return "unchanged"
    status = "updated" if folder.exists() else "new"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    notebook.write_bytes(match.data)
    (folder / "timestamp.txt").write_text(format_timestamp(match.download.timestamp))
    return status


# --- The command ------------------------------------------------------------------------------------------


def check_assignment(course: Course, assignment: str) -> None:
    """Raise CollectError unless `assignment` is a folder of source/."""
    if "/" in assignment or "\\" in assignment or assignment in ("", ".", "..") or not (
        course.source / assignment
    ).is_dir():
        known = ", ".join(course.assignments()) or "none"
        raise CollectError(f"unknown assignment {assignment!r}: no folder source/{assignment}/ (known: {known})")


def check_source(source: Path) -> None:
    """Raise CollectError unless `source` is a folder or a zip file."""
    if not source.exists():
        raise CollectError(f"{source}: no such file or folder")
    if not source.is_dir() and not zipfile.is_zipfile(source):
        raise CollectError(f"{source}: not a folder or a readable zip file")


def read_downloads(source: Path, use: Callable[[list[Download]], Report]) -> Report:
    """Call `use` with the files of `source` (a folder, or a zip kept open meanwhile)."""
    if source.is_dir():
        return use(folder_downloads(source))
    try:
        with zipfile.ZipFile(source) as archive:
            return use(zip_downloads(archive))
    except zipfile.BadZipFile as error:
        raise CollectError(f"{source}: not a folder or a readable zip file ({error})") from error


def collect(
    course: Course, assignment: str, source: Path, patterns: Iterable[str], caps: Caps = Caps(),
    roster: dict[str, roster_names.Name] | None = None,
) -> Report:
    """Collect the notebooks of an LMS download (folder or zip) into `course`'s submitted/ tree.

    Parameters
    ----------
    course
        The course to collect into.
    assignment
        An assignment id (a folder of source/); every notebook becomes `<assignment>.ipynb`.
    source
        The LMS download: a folder or a .zip, nested folders allowed.
    patterns
        Regular expressions with a named group `student` (c.MlmathCollect.filename_patterns).
    caps
        How much is read: per notebook and in all (bigger ones are left out with the reason).
    roster
        Students' names by id (`mlmath.intake.roster.read_roster`); written into the gradebook with the names
        the download gives for the students collected (`mlmath.intake.roster`).

    Returns
    -------
    Report
        Each collected student's status, the superseded files and the files left out, with the reason.

    Raises
    ------
    CollectError
        For an unknown assignment, a missing PATH, or a PATH that is neither a folder nor a readable zip.
    """
    check_assignment(course, assignment)
    check_source(source)
    matcher = StudentMatcher(patterns)

    def use(downloads: list[Download]) -> Report:
        report = Report(assignment, source)
        matches, report.skipped = classify(downloads, matcher, caps)
        newest, report.superseded = newest_per_student(matches)
        for student, match in newest.items():
            report.status[student] = (install(course, assignment, match), match)
        names = {student: name for student, match in newest.items()
                 if (name := roster_names.name_from_download(match.name)) is not None}
        names.update(roster or {})
        if names:
            report.named = roster_names.record_names(course, names)
        return report

    return read_downloads(source, use)


def format_report(report: Report) -> str:
    """The summary printed at the end: each student collected, then what was superseded or left out."""
    lines = [f"mlmath collect {report.assignment} {report.source}:"]
    for student, (status, match) in sorted(report.status.items()):
        stamp = format_timestamp(match.download.timestamp)
        lines.append(f"  {status:<9}  {student:<12}  <- {match.download.path}  ({stamp})")
    if report.superseded:
        lines.append(f"Superseded by a newer file of the same student, not collected ({len(report.superseded)}):")
        for s in report.superseded:
            lines.append(f"  {s.old.download.path}  (student {s.old.student}; kept {s.kept.download.path})")
    if report.skipped:
        lines.append(f"Not collected ({len(report.skipped)}):")
        lines.extend(f"  {s.path}: {s.reason}" for s in report.skipped)
    counts = ", ".join(f"{len(report.students(s))} {s}" for s in ("new", "updated", "unchanged"))
    students = f"{len(report.status)} student{'' if len(report.status) == 1 else 's'}"
    lines.append(
        f"{students} collected into submitted/*/{report.assignment}/ ({counts}); "
        f"{len(report.superseded)} superseded; {len(report.skipped)} not collected"
    )
    if report.named:
        lines.append(f"names written into the gradebook for {report.named} student(s)")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run `mlmath collect`: exit 0 if a student was collected, 1 if nothing matched, 2 for bad arguments."""
    try:
        course = Course.here()
        config = load(course)
        collect_settings = MlmathCollect(config=config)
        caps = Caps(MlmathLimits(config=config).notebook_mb * MIB, collect_settings.total_mb * MIB)
        roster = roster_names.read_roster(Path(args.roster)) if args.roster else None
        report = collect(course, args.assignment, Path(args.path), collect_settings.filename_patterns, caps, roster)
    except (CollectError, FileNotFoundError, roster_names.RosterError) as error:
        print(f"mlmath collect: {error}", file=sys.stderr)
        return 2
    print(format_report(report))
    if not report.status:
        print(f"mlmath collect: no file in {args.path} matched c.MlmathCollect.filename_patterns", file=sys.stderr)
        return 1
    return 0


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Add the `collect` command to the `mlmath` sub-parsers."""
    p = commands.add_parser(
        "collect",
        help="put the notebooks of an LMS download (folder or .zip) into submitted/<student>/ASSIGNMENT/",
        description="Copy each student's notebook from a Canvas or Moodle download (a folder or a .zip, nested "
        "folders allowed) to submitted/<student>/ASSIGNMENT/ASSIGNMENT.ipynb with a timestamp.txt (the zip "
        "entry's time or the file's modification time). The student is read from the file's name (or its "
        "folder's) with c.MlmathCollect.filename_patterns in course_config.py. A student's older files are "
        "superseded by the newest; an existing submission is replaced only if the notebook changed.",
        epilog="Exit status: 0 some student collected, 1 no file matched, 2 bad arguments.",
    )
    p.add_argument("assignment", metavar="ASSIGNMENT", help="an assignment id (a folder of source/)")
    p.add_argument("path", metavar="PATH", help="the LMS download: a folder or a .zip")
    p.add_argument("--roster", metavar="CSV", help="students' names for the gradebook: a CSV with the columns id, "
                   "first_name, last_name[, email] (or Canvas's gradebook export: Student, ID)")
    p.set_defaults(func=run)
