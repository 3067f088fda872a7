"""A submission folder is looked at before it is read: links, devices, FIFOs and sockets are refused and never
opened, sizes are checked from the folder entries, and fingerprints stream files without following anything."""

from __future__ import annotations

import hashlib
import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from mlmath import submission_files
from mlmath.submission_files import MIB, Caps, hash_tree, problem

CAPS = Caps(notebook_bytes=2 * MIB, files_bytes=3 * MIB, entries=20)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    sub = tmp_path / "student" / "ch1"
    (sub / "data").mkdir(parents=True)
    (sub / "ch1.ipynb").write_text("{}")
    (sub / "timestamp.txt").write_text("2027-02-01 10:00:00.000000 UTC")
    (sub / "data" / "extra.csv").write_text("a,b\n1,2\n")
    return sub


def sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no disk space."""
    with open(path, "wb") as file:
        file.truncate(size)
    return path


def fingerprint(folder: Path, caps: Caps = submission_files.HASH_CAPS) -> str:
    digest = hashlib.sha256()
    hash_tree(digest, folder, caps)
    return digest.hexdigest()


def finishes(action, seconds: float = 10.0):
    """Run `action` in a thread; fail if it does not return within `seconds` (a FIFO opened for reading blocks)."""
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", action()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked"
    return result["value"]


def test_a_plain_folder_is_fine(folder):
    assert problem(folder, CAPS) == ""


def test_a_symlink_to_a_file_is_refused_and_named(folder, tmp_path):
    secret = tmp_path / "gradebook.db"
    secret.write_text("every hidden test")
    (folder / "data" / "notes.txt").symlink_to(secret)
    reason = problem(folder, CAPS)
    assert "data/notes.txt is a symbolic link" in reason and str(secret) in reason and "not read or followed" in reason


@pytest.mark.parametrize("target", ["..", "/", "/no/such/file"])
def test_symlinks_to_folders_and_nowhere_are_refused(folder, target):
    (folder / "link").symlink_to(target)
    assert "link is a symbolic link" in problem(folder, CAPS)


def test_the_folder_itself_as_a_symlink_is_refused(folder, tmp_path):
    link = tmp_path / "student" / "ch2"
    link.symlink_to(folder)
    assert "symbolic link" in problem(link, CAPS) and "not followed" in problem(link, CAPS)


def test_a_fifo_is_refused_without_being_opened(folder):
    os.mkfifo(folder / "pipe")
    assert "pipe is a named pipe (FIFO)" in finishes(lambda: problem(folder, CAPS))
    finishes(lambda: fingerprint(folder))  # hashing neither blocks on it


def test_a_socket_is_refused(folder, monkeypatch):
    server = socket.socket(socket.AF_UNIX)
    monkeypatch.chdir(folder)  # a socket path must be short
    try:
        server.bind("sock")
        assert "sock is a socket" in problem(folder, CAPS)
    finally:
        server.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_refused_without_being_opened(folder):
    os.mknod(folder / "zero", stat.S_IFCHR | 0o666, os.makedev(1, 5))  # /dev/zero: reading it never ends
    assert "zero is a device" in problem(folder, CAPS)
    before = fingerprint(folder)
    assert finishes(lambda: fingerprint(folder)) == before


def test_sizes_come_from_the_entries_before_anything_is_read(folder):
    sparse(folder / "ch1.ipynb", 3 * MIB)
    assert "ch1.ipynb is 3.0 MiB, over the limit of 2 MiB for a notebook" in problem(folder, CAPS)


def test_one_big_other_file_is_refused(folder):
    sparse(folder / "data" / "big.bin", 4 * MIB)
    assert "data/big.bin is 4.0 MiB, over the limit of 3 MiB for other files" in problem(folder, CAPS)


def test_other_files_are_capped_together(folder):
    for name in "abc":
        sparse(folder / name, 2 * MIB)
    assert "6.0 MiB together, over the limit of 3 MiB" in problem(folder, CAPS)


def test_too_many_entries_are_refused_without_listing_them_all(folder):
    for number in range(30):
        (folder / f"f{number}").write_text("x")
    assert "more than 20 files and folders" in problem(folder, CAPS)


def test_a_missing_folder_is_named(tmp_path):
    assert "does not exist" in problem(tmp_path / "nothing", CAPS)


def test_the_fingerprint_follows_contents_not_links(folder, tmp_path):
    target = tmp_path / "outside.txt"
    target.write_text("one")
    (folder / "link").symlink_to(target)
    before = fingerprint(folder)
    target.write_text("two")  # what the link points to is never read
    assert fingerprint(folder) == before
    (folder / "data" / "extra.csv").write_text("a,b\n1,3\n")  # a plain file's contents are
    assert fingerprint(folder) != before


def test_a_file_over_the_cap_is_fingerprinted_by_size_not_read(folder):
    caps = Caps(notebook_bytes=MIB, files_bytes=MIB, entries=20)
    big = sparse(folder / "big.bin", 64 * 1024 * MIB)  # 64 GiB: reading it would take minutes
    before = finishes(lambda: fingerprint(folder, caps), seconds=5)
    with open(big, "r+b") as file:
        file.truncate(64 * 1024 * MIB + 1)
    assert fingerprint(folder, caps) != before


def test_the_fingerprint_streams_in_chunks(folder, monkeypatch):
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    sparse(folder / "data" / "medium.bin", 3 * submission_files.CHUNK + 5)
    assert fingerprint(folder) != fingerprint(folder.parent)
