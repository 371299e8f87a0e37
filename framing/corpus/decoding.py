"""Turn a file's bytes into text: UTF-8 first, then a detected encoding, said out loud."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    """Decoded text and how: ``encoding`` is what was used, ``detected`` if it was guessed."""

    text: str
    encoding: str
    detected: bool
    note: str = ""


class Undecodable(Exception):
    """The bytes are not text in any encoding we can identify; the message says why."""


def decode(data: bytes) -> Decoded:
    """Decode ``data``: a byte-order mark wins, then strict UTF-8, then detection.

    Binary data (NUL bytes without a UTF-16/32 byte-order mark) and bytes no detector can
    read raise :class:`Undecodable`.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding, detected=False)
            except UnicodeDecodeError as error:
                raise Undecodable(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {error.start})"
                ) from None
    if looks_binary(data):
        raise Undecodable("binary file (contains NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", detected=False)
    except UnicodeDecodeError as error:
        utf8_error = error
    if utf8_error.end == len(data) and utf8_error.reason == "unexpected end of data":
        # Valid UTF-8 cut off inside its last character (a truncated download or copy).
        return Decoded(
            data[: utf8_error.start].decode("utf-8"),
            "utf-8",
            detected=False,
            note="the file ends inside a character (truncated); that character was dropped",
        )
    from charset_normalizer import from_bytes  # imported here: only needed for non-UTF-8 input

    matches = list(from_bytes(data))
    best = _prefer_windows_1252(matches)
    if best is None or best.encoding is None:
        raise Undecodable(
            f"not UTF-8 (invalid byte at {utf8_error.start}) and no other encoding fits"
        )
    text = str(best)
    encoding = _canonical(best.encoding)
    if encoding != "cp1252" and _decodes_to(data, "cp1252", text):
        encoding = "cp1252"  # the same text either way: name the usual encoding
    return Decoded(text, encoding, detected=True)


# A few stray NUL bytes (a damaged export, a copy from a database) do not make a file binary;
# the reader removes them with a warning. Images, archives and UTF-16 without a byte-order
# mark have far more.
_BINARY_NUL_SHARE = 0.01


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KiB of ``data`` (without a byte-order mark) hold more than 1% NUL
    bytes."""
    sample = data[:8192]
    return sample.count(0) > _BINARY_NUL_SHARE * len(sample)


def _decodes_to(data: bytes, encoding: str, text: str) -> bool:
    try:
        return data.decode(encoding) == text
    except UnicodeDecodeError:
        return False


# How much more "chaos" (charset_normalizer's measure of implausible characters) a Western
# European reading may show and still be preferred to the top guess.
_CHAOS_MARGIN = 0.1


def _prefer_windows_1252(matches: list[CharsetMatch]) -> CharsetMatch | None:
    # Several single-byte encodings often fit about equally well; Windows-1252 (a superset of
    # printable Latin-1) is by far the most common legacy encoding of English-language web
    # pages, so it wins a near tie.
    if not matches:
        return None
    best = matches[0]
    close = [m for m in matches if m.chaos <= best.chaos + _CHAOS_MARGIN]
    return next((m for m in close if m.encoding in ("cp1252", "latin_1", "iso8859_15")), best)


def _canonical(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


SNIFF_BYTES = 1 << 20


def sniff(sample: bytes) -> Decoded:
    """How to decode a large file, judged from its first bytes (``sample``): the encoding of a
    byte-order mark, UTF-8, or a detected one. The sample may end inside a character."""
    cut = len(sample) - len(sample) % 4
    return decode(sample[:cut] if cut else sample)
