"""`mlmath collect` reads a download within its caps: an entry's declared size is checked before it is read,
no read goes past the cap whatever the size said, the total is capped, and what is left out is listed with the
reason while the rest is collected."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from mlmath.intake.collect import (
    MIB,
    NOT_A_FILE,
    TOO_BIG,
    TOTAL_REACHED,
    Caps,
    Download,
    StudentMatcher,
    classify,
    folder_downloads,
    zip_downloads,
)

MATCHER = StudentMatcher([r"^(?P<student>s\d+)\.ipynb$"])
WHEN = datetime(2027, 2, 1, tzinfo=timezone.utc)


def notebook(padding: int = 0) -> bytes:
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"padding": "x" * padding}, "cells": []}
    return json.dumps(nb).encode()


def zipped(files: dict[str, bytes]) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def lying(files: dict[str, bytes], declared: int) -> zipfile.ZipFile:
    """A zip whose central directory says every entry is `declared` bytes long."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    data = bytearray(buffer.getvalue())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<I", data, at + 24, declared)  # the entry's uncompressed size
        at = data.find(b"PK\x01\x02", at + 4)
    return zipfile.ZipFile(io.BytesIO(bytes(data)))


def reasons(skipped) -> dict[str, str]:
    return {s.path: s.reason for s in skipped}


def test_a_small_zip_holding_a_huge_notebook_is_not_read():
    huge = notebook(64 * MIB)  # compresses to about 64 KiB
    archive = zipped({"s1.ipynb": notebook(), "s2.ipynb": huge})
    assert sum(i.compress_size for i in archive.infolist()) < MIB
    matches, skipped = classify(zip_downloads(archive), MATCHER, Caps(file_bytes=MIB, total_bytes=10 * MIB))
    assert [m.student for m in matches] == ["s1"]  # the rest is collected
    assert reasons(skipped)["s2.ipynb"].startswith(f"{TOO_BIG}: 64.0 MiB, over the limit of 1 MiB")


def test_the_declared_size_is_checked_before_reading():
    def never(limit: int) -> bytes:
        raise AssertionError("read despite its declared size")

    download = Download("s1.ipynb", WHEN, never, size=2 * MIB)
    matches, skipped = classify([download], MATCHER, Caps(file_bytes=MIB, total_bytes=10 * MIB))
    assert not matches and TOO_BIG in reasons(skipped)["s1.ipynb"]


def test_a_read_stops_at_the_cap_whatever_the_size_said():
    asked = []

    def endless(limit: int) -> bytes:
        asked.append(limit)
        return b"{" * limit  # as much as asked for: a file that never ends

    download = Download("s1.ipynb", WHEN, endless, size=10)
    matches, skipped = classify([download], MATCHER, Caps(file_bytes=MIB, total_bytes=10 * MIB))
    assert asked == [MIB + 1]
    assert not matches and "more than 1 MiB when read (its size said 10 bytes" in reasons(skipped)["s1.ipynb"]


def test_a_zip_that_understates_a_size_is_not_read_past_it():
    archive = lying({"s1.ipynb": notebook(8 * MIB)}, declared=1000)
    assert archive.infolist()[0].file_size == 1000
    matches, skipped = classify(zip_downloads(archive), MATCHER, Caps(file_bytes=MIB, total_bytes=10 * MIB))
    assert not matches and "s1.ipynb" in reasons(skipped)  # unreadable (its check sum fails), never 8 MiB read


def test_the_total_is_capped_and_what_is_past_it_is_listed():
    files = {f"s{n}.ipynb": notebook(400 * 1024) for n in range(1, 5)}  # about 0.4 MiB each
    matches, skipped = classify(zip_downloads(zipped(files)), MATCHER, Caps(file_bytes=MIB, total_bytes=MIB))
    assert [m.student for m in matches] == ["s1", "s2"]
    assert all(reasons(skipped)[p].startswith(TOTAL_REACHED) for p in ("s3.ipynb", "s4.ipynb"))


def test_a_folder_download_never_follows_links_or_opens_fifos(tmp_path: Path):
    download = tmp_path / "download"
    download.mkdir()
    (download / "s1.ipynb").write_bytes(notebook())
    secret = tmp_path / "gradebook.db"
    secret.write_bytes(notebook())
    (download / "s2.ipynb").symlink_to(secret)
    os.mkfifo(download / "s3.ipynb")
    matches, skipped = classify(folder_downloads(download), MATCHER)
    assert [m.student for m in matches] == ["s1"]
    assert reasons(skipped)["s2.ipynb"] == f"{NOT_A_FILE} (a symbolic link): never read"
    assert reasons(skipped)["s3.ipynb"].startswith(NOT_A_FILE)


@pytest.mark.parametrize("size", [MIB, MIB + 1])
def test_the_cap_is_inclusive(tmp_path: Path, size: int):
    data = notebook(size - len(notebook()))
    assert len(data) == size
    matches, _ = classify(zip_downloads(zipped({"s1.ipynb": data})), MATCHER, Caps(file_bytes=MIB, total_bytes=MIB))
    assert bool(matches) == (size <= MIB)
