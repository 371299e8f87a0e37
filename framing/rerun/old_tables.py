"""The per-article tables of the report a run replaces, as a source of rows to copy.

A re-run writes the same rows as the run before it for every article a lexicon edit does not
touch. Those rows are already on disk, in the report the new one replaces (the old folder
stays in place until the new one is committed, see :mod:`framing.render.files`), so the re-run
copies them from there as bytes, range by range, instead of keeping a second copy of every
table in the cache and writing it back row by row.

A table is used only if it holds the very bytes the earlier run wrote: the same size and the
same CRC-32 of its content, recorded once the earlier report was in place and checked again
before anything is copied (reading a table of 100 MB costs a tenth of a second). A checksum of
the content, rather than the file's times and inode, keeps the cache the same bytes whenever
the report is, and catches a table edited in place whatever its times say; an edited, replaced
or truncated table is not used, and its rows are computed afresh. The file is opened once and
checked and copied through that one descriptor.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import TextIO

CHUNK_BYTES = 1 << 24  # copied 16 MB at a time


def _read_at(descriptor: int, size: int, offset: int) -> bytes:
    """Up to ``size`` bytes of a file from byte ``offset``."""
    if hasattr(os, "pread"):
        return os.pread(descriptor, size, offset)
    os.lseek(descriptor, offset, os.SEEK_SET)  # Windows: no pread
    return os.read(descriptor, size)


def table_mark(descriptor: int) -> list[int]:
    """What identifies one content of a file (see the module docstring): its size and the
    CRC-32 of its bytes."""
    size, checksum, offset = os.fstat(descriptor).st_size, 0, 0
    while offset < size:
        chunk = _read_at(descriptor, min(CHUNK_BYTES, size - offset), offset)
        if not chunk:
            break
        checksum = zlib.crc32(chunk, checksum)
        offset += len(chunk)
    return [offset, checksum]


def file_mark(path: Path) -> list[int]:
    """:func:`table_mark` of the file at ``path``."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        return table_mark(descriptor)
    finally:
        os.close(descriptor)


def byte_length(text: str) -> int:
    """The bytes ``text`` takes in a UTF-8 table written with ``errors="replace"`` (a lone
    surrogate becomes one "?")."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "replace"))


def written_bytes(stream: TextIO) -> tuple[int, bytes] | None:
    """How many bytes ``stream`` (a new table, open for writing) holds so far, and those
    bytes; ``None`` when it is not a UTF-8 file this module can append to."""
    if (stream.encoding or "").lower().replace("_", "-") not in ("utf-8", "utf-8-sig"):
        return None
    if not hasattr(stream, "buffer") or not isinstance(getattr(stream, "name", None), str):
        return None
    stream.flush()
    size = stream.buffer.tell()
    with Path(stream.name).open("rb") as written:
        return size, written.read(size)


class OldTable:
    """One table of the earlier report, open for copying; made by :func:`open_old_table`."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor

    def copy(self, start: int, end: int, stream: TextIO) -> None:
        """Append bytes ``start`` to ``end`` of the old table to ``stream``, after what was
        written to it so far."""
        if end <= start:
            return
        stream.flush()
        while start < end:
            chunk = _read_at(self.descriptor, min(CHUNK_BYTES, end - start), start)
            if not chunk:
                raise OSError(f"an earlier table ended at byte {start}, before {end}")
            stream.buffer.write(chunk)
            start += len(chunk)

    def close(self) -> None:
        os.close(self.descriptor)


def open_old_table(path: Path, mark: list[int], header: bytes) -> OldTable | None:
    """The table at ``path`` if it is the file of ``mark`` and starts with ``header`` (the
    header the new table has), else ``None``."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        same = _read_at(descriptor, len(header), 0) == header
        same = same and table_mark(descriptor) == mark
    except OSError:
        same = False
    if not same:
        os.close(descriptor)
        return None
    return OldTable(descriptor)
