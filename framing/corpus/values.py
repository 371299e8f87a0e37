"""Clean values as they are read: no control character, NUL or lone surrogate gets past the
reader into scores, CSV files, reports or the terminal, and outlet names that look the same
are the same string.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from pathlib import Path

# Characters that break lines in text that is otherwise plain: kept as a line break.
_LINE_BREAKS = {0x0B: "\n", 0x0C: "\n", 0x85: "\n"}
# Every other C0/C1 control character and DEL, except tab, newline and carriage return.
_CONTROLS = {
    code: None
    for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))
    if chr(code) not in "\t\n\r" and code not in _LINE_BREAKS
}
_CLEAN = str.maketrans({**_CONTROLS, **_LINE_BREAKS})
# Explicit bidirectional embeddings, overrides and isolates: never part of a name.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_NAME_CLEAN = str.maketrans({**dict.fromkeys(_CONTROLS), **dict.fromkeys(_LINE_BREAKS),
                             **_BIDI_CONTROLS})  # fmt: skip


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_surrogates(text: str) -> str:
    """Lone surrogates (a JSON ``"\\ud800"``, or a file name that is not UTF-8) as U+FFFD."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def clean_text(text: str) -> tuple[str, int]:
    """``text`` without NUL and other control characters (vertical tab, form feed and NEL
    become line breaks; tab, newline and carriage return stay), with lone surrogates as
    U+FFFD; and how many characters were removed."""
    text = without_surrogates(text)
    if not _CONTROL.search(text):
        return text, 0
    cleaned = text.translate(_CLEAN)
    return cleaned, len(text) - len(cleaned)


def clean_name(name: str) -> str:
    """An outlet, group or column name as one comparable string: NFC-normalized (so "Café"
    typed on a Mac and on Windows is one name), no control or bidirectional-override
    character, runs of white space as one space, no space at either end."""
    name = without_surrogates(name).translate(_NAME_CLEAN)
    return " ".join(unicodedata.normalize("NFC", name).split())


def clean_value(text: str) -> str:
    """A manifest or column value: :func:`clean_text`, NFC-normalized (it may name a group)."""
    return unicodedata.normalize("NFC", clean_text(text)[0])


def real_path(path: Path) -> Path:
    """``path`` absolute, with links followed as far as they go: a loop of links or a name
    too long for the system leaves the rest as written, instead of raising (as
    ``Path.resolve`` does on Python 3.11)."""
    return Path(os.path.realpath(path))


def json_text(value: object) -> str | None:
    """A JSON value as the text of a metadata column: strings as they are, numbers and true /
    false as JSON writes them, objects and lists as compact JSON, null as ``None``
    (absent)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return None  # NaN and Infinity are not numbers a spreadsheet or R can read
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def json_kind(value: object) -> str:
    """What a JSON value is, in the words of the JSON standard."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "a string" if isinstance(value, str) else "null"
