"""The kept parts of every article of a report, in columns, as the re-run cache stores them.

One entry holds, for the articles of a run in order: their ids; where each article's rows
start and end in each per-article table the run wrote (byte offsets: a re-run copies those
bytes from the tables it replaces, see :mod:`framing.rerun.old_tables`); their pending rows of
articles.csv (text); the formula guard's columns their rows touched; their rows of figures for
the comparison (non-zero columns, by their place in :attr:`ArticleParts.names`, and values);
what story matching keeps of them; and, for the articles the report's article view shows,
what that view needs. The pending rows follow the JSON, after its line, as they are (they are
JSON lines themselves: inside a JSON string every quote of theirs would be escaped, which
made writing and reading the entry several times slower). Numbers are stored as
little-endian arrays (base64 in the JSON), so that
a re-run reads and checks ten thousand articles in whole-array passes rather than number by
number; the cache is untrusted input, so every part is checked before it is used
(:func:`parse_parts`), and an entry that fails a check is not used at all.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np
from numpy.typing import NDArray

from framing.render.article_view import MOST_NEGATIVE, MOST_POSITIVE

Offsets = NDArray[np.int64]
FILE_MARK_FIELDS = 2  # the size and CRC-32 of a table file (framing.rerun.old_tables)
STORY_FIELDS = 7  # id, outlet, date, title, about, tone, grade (shingles and choices aside)


@dataclass
class ArticleParts:
    """The kept parts of a run's articles, in input order (see the module docstring)."""

    anchors: dict[str, list[str]]  # the lexicon's entries and their words (what an edit touches)
    names: list[str]  # the comparison's columns the rows of figures point into
    ids: list[str] = field(default_factory=list)
    # Per table: the byte offset of each article's rows (one more than articles: the end),
    # and the mark of the file they were written to (its size and checksum).
    offsets: dict[str, Offsets] = field(default_factory=dict)
    marks: dict[str, list[int]] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)  # each article's pending articles.csv row
    formula: list[list[list[str]]] = field(default_factory=list)  # [file, column] pairs
    row_columns: list[NDArray[np.int64]] = field(default_factory=list)
    row_values: list[NDArray[np.float64]] = field(default_factory=list)
    stories: list[list[Any]] = field(default_factory=list)  # STORY_FIELDS values each
    shingles: list[NDArray[np.uint64]] = field(default_factory=list)
    choices: list[list[list[str]]] = field(default_factory=list)  # [concept, variant] pairs
    views: dict[int, list[Any]] = field(default_factory=dict)  # by the article's place

    def __len__(self) -> int:
        return len(self.ids)


def _array(values: NDArray[Any], dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(values, dtype=dtype).tobytes()).decode("ascii")


def _joined(parts: list[NDArray[Any]], dtype: str) -> tuple[str, str]:
    """Arrays end to end, and the offsets where each starts (and the last ends)."""
    lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    joined = np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)
    return _array(joined, dtype), _array(offsets, "<i8")


def dump_parts(parts: ArticleParts) -> str:
    """``parts`` as the text of a cache entry."""
    columns, row_offsets = _joined(parts.row_columns, "<i4")
    values, _same = _joined(parts.row_values, "<f8")
    shingles, shingle_offsets = _joined(parts.shingles, "<u8")
    pending_offsets = np.zeros(len(parts.pending) + 1, dtype=np.int64)
    np.cumsum([len(text) for text in parts.pending], out=pending_offsets[1:])
    entry = {
        "anchors": parts.anchors,
        "names": parts.names,
        "ids": parts.ids,
        "tables": {
            name: [parts.marks[name], _array(offsets, "<i8")]
            for name, offsets in sorted(parts.offsets.items())
        },
        "pending": _array(pending_offsets, "<i8"),
        "formula": parts.formula,
        "rows": [row_offsets, columns, values],
        "stories": parts.stories,
        "shingles": [shingle_offsets, shingles],
        "choices": parts.choices,
        "views": [[place, view] for place, view in sorted(parts.views.items())],
    }
    # JSON writes no line break of its own (one inside a string is escaped): the first ends it.
    head = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    return head + "\n" + "".join(parts.pending)


class _Refused(Exception):
    """A part of a cache entry that is not what this version wrote."""


def _decoded(text: object, dtype: str) -> NDArray[Any]:
    if not isinstance(text, str):
        raise _Refused("an array that is not text")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise _Refused("an array that is not base64") from None
    width = np.dtype(dtype).itemsize
    if len(raw) % width:
        raise _Refused("an array of partial numbers")
    return np.frombuffer(raw, dtype=dtype)


def _offsets(text: object, count: int, end: int, start: int | None = 0) -> Offsets:
    """Offsets of ``count`` items: ``count + 1`` numbers, never decreasing, from ``start``
    (any number from 0 when ``None``) to ``end``."""
    offsets = _decoded(text, "<i8").astype(np.int64)
    if len(offsets) != count + 1 or offsets[0] < 0 or np.any(np.diff(offsets) < 0):
        raise _Refused("offsets out of order")
    if (start is not None and int(offsets[0]) != start) or int(offsets[-1]) != end:
        raise _Refused("offsets that do not span their data")
    return offsets


def _split(values: NDArray[Any], offsets: Offsets) -> list[NDArray[Any]]:
    return np.split(values, offsets[1:-1]) if len(offsets) > 1 else []


def _strings(values: object) -> bool:
    return isinstance(values, list) and all(type(v) is str for v in values)


def _pairs(values: object) -> bool:
    """A list of [text, text] pairs."""
    return isinstance(values, list) and all(
        type(p) is list and len(p) == 2 and type(p[0]) is str and type(p[1]) is str for p in values
    )


def _number(value: object) -> bool:
    return value is None or type(value) in (int, float)


def parse_parts(text: str, tables: set[str]) -> ArticleParts | None:
    """The parts in the text of a cache entry (:func:`dump_parts`), or ``None`` when any part
    is damaged, foreign or does not fit the others; ``tables`` are the files rows may be in."""
    head, newline, pending = text.partition("\n")
    try:
        entry = json.loads(head)
        if not newline or not isinstance(entry, dict):
            return None
        return _parts(entry, pending, tables)
    except (ValueError, TypeError, KeyError, IndexError, _Refused):
        return None


def _parts(entry: dict[str, Any], pending: str, tables: set[str]) -> ArticleParts:
    anchors, names, ids = entry["anchors"], entry["names"], entry["ids"]
    if not (isinstance(anchors, dict) and all(_strings(w) for w in anchors.values())):
        raise _Refused("anchors")
    if not (_strings(names) and _strings(ids)):
        raise _Refused("names or ids")
    count = len(ids)
    parts = ArticleParts(anchors, names, ids)
    for name, (mark, offsets) in entry["tables"].items():
        if name not in tables or not (
            isinstance(mark, list)
            and len(mark) == FILE_MARK_FIELDS
            and all(type(n) is int for n in mark)
        ):
            raise _Refused("a table")
        parts.offsets[name] = _offsets(offsets, count, mark[0], start=None)
        parts.marks[name] = mark
    bounds = _offsets(entry["pending"], count, len(pending)).tolist()
    parts.pending = [pending[a:b] for a, b in pairwise(bounds)]
    formula = entry["formula"]
    if not (isinstance(formula, list) and len(formula) == count and all(map(_pairs, formula))):
        raise _Refused("formula columns")
    parts.formula = formula
    row_offsets, columns, values = entry["rows"]
    columns_array = _decoded(columns, "<i4").astype(np.int64)
    values_array = _decoded(values, "<f8").astype(np.float64)
    if len(columns_array) != len(values_array) or (
        len(columns_array) and (columns_array.min() < 0 or columns_array.max() >= len(names))
    ):
        raise _Refused("rows of figures")
    row_bounds = _offsets(row_offsets, count, len(columns_array))
    parts.row_columns = _split(columns_array, row_bounds)
    parts.row_values = _split(values_array, row_bounds)
    stories, choices = entry["stories"], entry["choices"]
    if not (
        isinstance(stories, list)
        and len(stories) == count
        and all(
            type(s) is list
            and len(s) == STORY_FIELDS
            and all(type(v) is str for v in s[:5])
            and _number(s[5])
            and _number(s[6])
            for s in stories
        )
        and isinstance(choices, list)
        and len(choices) == count
        and all(map(_pairs, choices))
    ):
        raise _Refused("stories")
    parts.stories, parts.choices = stories, choices
    shingle_offsets, shingles = entry["shingles"]
    shingle_array = _decoded(shingles, "<u8").astype(np.uint64)
    parts.shingles = _split(shingle_array, _offsets(shingle_offsets, count, len(shingle_array)))
    for place, view in entry["views"]:
        if type(place) is not int or not 0 <= place < count or not _valid_view(view):
            raise _Refused("a view")
        parts.views[place] = view
    return parts


def _valid_view(view: object) -> bool:
    if not (isinstance(view, list) and len(view) == 2):
        return False
    terms, flagged = view
    return (
        isinstance(terms, list)
        and all(
            isinstance(t, list)
            and len(t) == 10
            and all(isinstance(t[i], str) for i in (0, 1, 2, 3, 4, 8, 9))
            and all(type(t[i]) is int for i in (5, 6, 7))
            for t in terms
        )
        and isinstance(flagged, list)
        and all(
            isinstance(f, list)
            and len(f) == 4
            and isinstance(f[0], str)
            and type(f[1]) is int
            and type(f[2]) is int
            and f[3] in (MOST_POSITIVE, MOST_NEGATIVE)
            for f in flagged
        )
    )
