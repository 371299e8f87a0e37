"""The byte layout of a score store row: a tag naming the kind of row, then typed sections
(arrays of whole numbers, arrays of real numbers, lists of text), read back with bounds.

A row is read from a file that may be damaged or forged, so the reader trusts nothing in it:
every section must lie inside the row, the row must end where its last section ends, text must
be UTF-8 and inflate to no more than the caller's bound, and each section must have the kind
and length the caller expects. Numbers come back as whole NumPy arrays, which the caller checks
in one pass each (ranges, order) before it makes Python values of them: a row of thousands of
term counts is checked without a Python step per count.

Layout (all numbers little-endian):

- the row's tag, 4 bytes;
- per section, one byte for its kind and a 32-bit count of its items, then the items:
  ``1``/``2``/``4``/``8`` unsigned whole numbers of that many bytes each (the writer picks the
  narrowest that holds the largest), ``f`` 64-bit real numbers (NaN only where the caller
  allows it), ``t``/``z`` text: a 32-bit length in bytes, then the strings' UTF-8 joined by
  NUL characters, as is (``t``) or, when long enough for that to pay, deflated (``z``) with
  Huffman coding only: a list of words takes about half its size that way, at less than half
  the time of deflate's fastest full level, and inflates as fast.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

SECTION = struct.Struct("<cI")  # kind, count of items
LENGTH = struct.Struct("<I")  # bytes of a text section's UTF-8, before deflating
_WIDTHS: dict[bytes, np.dtype[np.unsignedinteger[Any]]] = {
    width: np.dtype(f"<u{width.decode()}") for width in (b"1", b"2", b"4", b"8")
}
_WHOLE_KINDS = tuple(_WIDTHS)
_REAL: np.dtype[np.float64] = np.dtype("<f8")
# Text shorter than this is kept as is: deflating it saves a few bytes for the time it costs.
DEFLATE_FROM = 1024
_SEPARATOR = "\x00"  # never in an article's text (the readers remove it); checked when read

Whole = npt.NDArray[np.unsignedinteger[Any]]
Real = npt.NDArray[np.float64]


_FEW = 16
_STRUCT = {b"1": "B", b"2": "H", b"4": "I", b"8": "Q"}


def _kind(top: int) -> bytes:
    """The narrowest kind of whole number that holds ``top``."""
    return b"1" if top < 1 << 8 else b"2" if top < 1 << 16 else b"4" if top < 1 << 32 else b"8"


class BadRow(Exception):
    """A stored row that is not what this version of framing writes; the message says why."""


class RowWriter:
    """Builds one row: :meth:`whole`, :meth:`real` and :meth:`text` add sections in order."""

    def __init__(self, tag: bytes) -> None:
        self._parts: list[bytes] = [tag]

    def whole(self, values: Iterable[int], count: int) -> None:
        """A section of ``count`` whole numbers, each at least 0 and below 2**64."""
        if isinstance(values, np.ndarray):  # an array already: no step per number
            array = values.reshape(-1)
            if len(array) != count or (count and array.min() < 0):
                raise ValueError(f"{count} whole numbers of at least 0 expected, not {array}")
            kind = _kind(int(array.max()) if count else 0)
            self._parts += [SECTION.pack(kind, count), array.astype(_WIDTHS[kind]).tobytes()]
            return
        if count <= _FEW:  # a handful of numbers: packed without NumPy's overhead per call
            few = list(values)
            top = max(few, default=0)
            if len(few) != count or min(few, default=0) < 0:
                raise ValueError(f"{count} whole numbers of at least 0 expected, not {few}")
            kind = _kind(top)
            self._parts += [SECTION.pack(kind, count),
                            struct.pack(f"<{count}{_STRUCT[kind]}", *few)]  # fmt: skip
            return
        array = np.fromiter(values, np.uint64, count)
        kind = _kind(int(array.max()))
        self._parts += [SECTION.pack(kind, count), array.astype(_WIDTHS[kind]).tobytes()]

    def real(self, values: Iterable[float], count: int) -> None:
        """A section of ``count`` real numbers (64-bit, so they come back exactly)."""
        array = np.fromiter(values, _REAL, count)
        self._parts += [SECTION.pack(b"f", count), array.tobytes()]

    def text(self, strings: Sequence[str]) -> None:
        """A section of ``strings``. None may hold a NUL character: a row with one is refused
        when read (its article is then scored afresh), never read wrong."""
        data = _SEPARATOR.join(strings).encode("utf-8")
        kind = b"t"
        stored = data
        if len(data) >= DEFLATE_FROM:
            deflater = zlib.compressobj(1, zlib.DEFLATED, 15, 8, zlib.Z_HUFFMAN_ONLY)
            kind, stored = b"z", deflater.compress(data) + deflater.flush()
        self._parts += [SECTION.pack(kind, len(strings)), LENGTH.pack(len(data)), stored]

    def row(self) -> bytes:
        """The row, as stored."""
        return b"".join(self._parts)


class RowReader:
    """Reads one row's sections in the order they were written, each checked to lie inside the
    row and to have what the caller expects; :meth:`end` checks that nothing follows."""

    def __init__(self, blob: object, tag: bytes, limit: int) -> None:
        """``limit`` bounds the bytes of the row and those its text may inflate to."""
        if not isinstance(blob, bytes):
            raise BadRow(f"a stored value of type {type(blob).__name__}, not bytes")
        if len(blob) > limit:
            raise BadRow(f"a row of {len(blob):,} bytes, more than the {limit:,} allowed")
        if blob[: len(tag)] != tag:
            raise BadRow(f"a row that does not start with {tag!r} (found {blob[:4]!r})")
        self._blob = blob
        self._at = len(tag)
        self._limit = limit

    def _section(self, kinds: Sequence[bytes], count: int | None) -> tuple[bytes, int]:
        if self._at + SECTION.size > len(self._blob):
            raise BadRow(f"a row cut off at byte {self._at} of {len(self._blob)}")
        kind, found = SECTION.unpack_from(self._blob, self._at)
        if kind not in kinds:
            expected = b", ".join(kinds).decode()
            raise BadRow(f"a section of kind {kind!r} at byte {self._at}, not one of {expected}")
        if count is not None and found != count:
            raise BadRow(f"a section of {found:,} items at byte {self._at}, not {count:,}")
        self._at += SECTION.size
        return kind, found

    def _take(self, size: int) -> int:
        start = self._at
        if size > len(self._blob) - start:
            raise BadRow(f"a section of {size:,} bytes at byte {start}, past the row's end")
        self._at += size
        return start

    def whole(self, count: int | None = None) -> Whole:
        """The next section's whole numbers (``count`` of them when given)."""
        kind, found = self._section(_WHOLE_KINDS, count)
        dtype = _WIDTHS[kind]
        start = self._take(found * dtype.itemsize)
        return np.frombuffer(self._blob, dtype, found, start)

    def real(self, count: int | None = None) -> Real:
        """The next section's real numbers (``count`` of them when given); NaN is the caller's
        to refuse or to read as "none"."""
        _kind, found = self._section((b"f",), count)
        start = self._take(found * _REAL.itemsize)
        return np.frombuffer(self._blob, _REAL, found, start)

    def text(self, count: int | None = None) -> list[str]:
        """The next section's strings (``count`` of them when given)."""
        kind, found = self._section((b"t", b"z"), count)
        (size,) = LENGTH.unpack_from(self._blob, self._take(LENGTH.size))
        if size > self._limit:
            raise BadRow(f"text of {size:,} bytes, more than the {self._limit:,} allowed")
        if kind == b"t":
            start = self._take(size)
            data = self._blob[start : start + size]
        else:
            data = self._inflate(size)
        try:
            strings = data.decode("utf-8").split(_SEPARATOR) if found else []
        except UnicodeDecodeError as error:
            raise BadRow(f"text that is not UTF-8 ({error})") from None
        if len(strings) != found or (not found and data):
            raise BadRow(f"text of {len(strings):,} strings, not {found:,}")
        return strings

    def _inflate(self, size: int) -> bytes:
        # The deflated text runs to the end of its stream: it must inflate to exactly ``size``
        # bytes, and what follows the stream is the next section.
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(memoryview(self._blob)[self._at :], size)
        except zlib.error as error:
            raise BadRow(f"text that is not deflated data ({error})") from None
        if not inflater.eof or len(data) != size:
            raise BadRow(f"text that does not inflate to the {size:,} bytes stated, or is cut off")
        self._at = len(self._blob) - len(inflater.unused_data)
        return data

    def end(self) -> None:
        """Refuses a row with anything after its last section."""
        if self._at != len(self._blob):
            raise BadRow(f"{len(self._blob) - self._at:,} bytes after the row's last section")
