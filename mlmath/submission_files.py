"""What a submission folder holds, looked at without trusting it: links are never followed, special files
(devices, FIFOs, sockets) never opened, and sizes are read from the folder entries before any byte is.

The grader may run as root: a symbolic link in `submitted/` would make it read (hash, copy into the kernel's
sandbox) whatever the link points to, the gradebook or a root-only file; a FIFO would block it and a device
never end. `problem` says why such a folder cannot be graded; `hash_tree` fingerprints any folder safely; both
are used before nbgrader (which follows links when it copies a submission) ever sees the folder.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FILE, FOLDER, SYMLINK = "file", "folder", "symbolic link"
FIFO, SOCKET, DEVICE, OTHER = "named pipe (FIFO)", "socket", "device", "special file"

MIB = 1024 * 1024
CHUNK = MIB  # bytes hashed at a time


@dataclass(frozen=True)
class Entry:
    """One entry of a folder, as `lstat` sees it (a link is described, never followed)."""

    path: str  # relative to the folder scanned, with "/"
    kind: str  # FILE, FOLDER, SYMLINK, FIFO, SOCKET, DEVICE or OTHER
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Caps:
    """What one submission folder may hold."""

    notebook_bytes: int  # each .ipynb file
    files_bytes: int  # every other file together (they are copied into the kernel's size-limited home)
    entries: int  # files and folders, at any depth

    @classmethod
    def of(cls, limits) -> Caps:
        """The caps of a course's `MlmathLimits`: notebook_mb per notebook, file_mb for the other files,
        submission_entries entries."""
        return cls(limits.notebook_mb * MIB, limits.file_mb * MIB, limits.submission_entries)

    @property
    def total_bytes(self) -> int:
        return self.notebook_bytes + self.files_bytes


def kind_of(mode: int) -> str:
    """FILE, FOLDER, SYMLINK, ... for an `st_mode` from lstat."""
    for test, kind in ((stat.S_ISREG, FILE), (stat.S_ISDIR, FOLDER), (stat.S_ISLNK, SYMLINK), (stat.S_ISFIFO, FIFO),
                       (stat.S_ISSOCK, SOCKET), (stat.S_ISCHR, DEVICE), (stat.S_ISBLK, DEVICE)):
        if test(mode):
            return kind
    return OTHER


def walk(folder: Path, prefix: str = "") -> Iterator[Entry]:
    """Every entry under `folder`, sorted, depth first; only real folders are descended into."""
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        info = entry.stat(follow_symlinks=False)
        item = Entry(prefix + entry.name, kind_of(info.st_mode), info.st_size, info.st_mtime_ns)
        yield item
        if item.kind == FOLDER:
            yield from walk(Path(entry.path), item.path + "/")


def scan(folder: Path, max_entries: int) -> tuple[list[Entry], bool]:
    """The first `max_entries` entries under `folder`, and whether there are more."""
    entries = []
    for entry in walk(folder):
        if len(entries) == max_entries:
            return entries, True
        entries.append(entry)
    return entries, False


def describe(folder: Path, entry: Entry) -> str:
    if entry.kind == SYMLINK:
        try:
            return f"{entry.path} is a symbolic link (to {os.readlink(folder / entry.path)!r})"
        except OSError:
            return f"{entry.path} is a symbolic link"
    return f"{entry.path} is a {entry.kind}"


def problem(folder: Path, caps: Caps) -> str:
    """Why the submission folder cannot be graded safely, in words for a person ("" when it can).

    Nothing under `folder` is opened: only its entries are looked at (lstat).
    """
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return f"{folder.name}/ does not exist"
    if not stat.S_ISDIR(info.st_mode):
        return f"{describe(folder.parent, Entry(folder.name, kind_of(info.st_mode), 0, 0))}, not a folder: not followed"
    entries, more = scan(folder, caps.entries)
    if more:
        return f"the submission holds more than {caps.entries} files and folders: not read"
    special = [e for e in entries if e.kind not in (FILE, FOLDER)]
    if special:
        listed = "; ".join(describe(folder, e) for e in special[:3]) + (
            f"; and {len(special) - 3} more" if len(special) > 3 else "")
        return (f"{listed}: a submission may hold only plain files and folders; "
                f"{'it was' if len(special) == 1 else 'they were'} not read or followed")
    files = [e for e in entries if e.kind == FILE]
    for entry in files:
        is_notebook = entry.path.endswith(".ipynb")
        cap = caps.notebook_bytes if is_notebook else caps.files_bytes
        what = "a notebook (c.MlmathLimits.notebook_mb)" if is_notebook else "other files (c.MlmathLimits.file_mb)"
        if entry.size > cap:
            return f"{entry.path} is {entry.size / MIB:.1f} MiB, over the limit of {cap / MIB:g} MiB for {what}"
    others = sum(e.size for e in files if not e.path.endswith(".ipynb"))
    if others > caps.files_bytes:
        return (f"the submission's files other than notebooks are {others / MIB:.1f} MiB together, over the limit of "
                f"{caps.files_bytes / MIB:g} MiB (c.MlmathLimits.file_mb)")
    total = sum(e.size for e in files)
    if total > caps.total_bytes:
        return f"the submission is {total / MIB:.1f} MiB in all, over the limit of {caps.total_bytes / MIB:g} MiB"
    return ""


#: What `hash_tree` reads of a folder at most; past these, an entry is fingerprinted by its size and time.
HASH_CAPS = Caps(notebook_bytes=256 * MIB, files_bytes=256 * MIB, entries=10_000)


def hash_tree(digest, folder: Path, caps: Caps = HASH_CAPS) -> None:
    """Add `folder`'s entries to `digest`: names, kinds and the contents of plain files, streamed.

    A link is hashed as its target's text, a special file as its kind and time, and a file over the caps (or
    past the total) as its size and time: nothing is followed, blocked on or read without bound.
    """
    if not folder.is_dir() or folder.is_symlink():
        digest.update(b"missing or not a folder\0")
        return
    entries, more = scan(folder, caps.entries)
    budget = caps.total_bytes
    for entry in entries:
        digest.update(f"{entry.path}\0{entry.kind}\0".encode())
        cap = caps.notebook_bytes if entry.path.endswith(".ipynb") else caps.files_bytes
        readable = entry.kind == FILE and entry.size <= min(cap, budget)
        if readable and _hash_file(digest, folder / entry.path, entry.size):
            budget -= entry.size
        elif entry.kind == SYMLINK:
            digest.update(os.fsencode(_readlink(folder / entry.path)))
        elif entry.kind != FOLDER:
            digest.update(f"{entry.size}:{entry.mtime_ns}".encode())
        digest.update(b"\0")
    if more:
        digest.update(b"and more entries\0")


def _readlink(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return ""


def _hash_file(digest, path: Path, size: int) -> bool:
    """Stream the first `size` bytes of a plain file into `digest` (a file that grows meanwhile is not read
    further); False, with nothing added, if it is no longer a plain file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return False
        left = size
        while left > 0 and (chunk := file.read(min(CHUNK, left))):
            digest.update(chunk)
            left -= len(chunk)
    return True
