"""Fingerprints of input files: has anything a run read changed since the last run?

A file is described by its size, its modification time (nanoseconds) and the SHA-256 of its
bytes. The content is hashed only when the size or the time differ from what the last run
recorded, so an unchanged corpus costs one ``stat`` per file; a file touched but unchanged
(copied with a new time, say) is hashed once and recognised as the same.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

_READ_BYTES = 1 << 20


@dataclass(frozen=True)
class FileMark:
    """What a run knew of one input file: ``size`` in bytes, ``mtime_ns``, and ``sha256`` (hex)
    of its content; a missing file has size -1 and an empty hash."""

    path: str
    size: int
    mtime_ns: int
    sha256: str


def content_hash(path: Path) -> str:
    """The SHA-256 of the file's bytes, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(_READ_BYTES):
            digest.update(block)
    return digest.hexdigest()


def mark_files(
    paths: Iterable[Path], known: Mapping[str, FileMark] | None = None
) -> list[FileMark]:
    """A mark per path, in order. A path whose size and time equal its mark in ``known`` keeps
    that mark's hash without reading the file; any other is hashed."""
    known = known or {}
    marks = []
    for path in paths:
        name = str(path)
        try:
            status = os.stat(path)
        except OSError:
            marks.append(FileMark(name, -1, 0, ""))
            continue
        before = known.get(name)
        if before is not None and (before.size, before.mtime_ns) == (
            status.st_size,
            status.st_mtime_ns,
        ):
            marks.append(before)
            continue
        try:
            sha = content_hash(path)
        except OSError:
            marks.append(FileMark(name, -1, 0, ""))
            continue
        marks.append(FileMark(name, status.st_size, status.st_mtime_ns, sha))
    return marks


def marks_key(marks: Iterable[FileMark]) -> str:
    """One hash for a set of inputs: their names and contents (not their times, so a copy of
    the same files with new times gives the same key)."""
    digest = hashlib.sha256()
    for mark in marks:
        for part in (mark.path, str(mark.size), mark.sha256):
            encoded = part.encode("utf-8", "surrogatepass")
            digest.update(len(encoded).to_bytes(8, "big"))
            digest.update(encoded)
    return digest.hexdigest()
