"""How one value is written into a CSV cell, and CSV text from rows.

Cells a spreadsheet would run as a formula (text starting with = + - @, a tab or a carriage
return; OWASP's CSV-injection guidance) are prefixed with an apostrophe by a
:class:`~framing.render.formula_guard.FormulaGuard` unless it is turned off. Numbers stay
numbers, negative ones included, because only text cells are neutralized. Missing values are
empty cells with the reason in the matching ``*_note`` column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from framing.corpus.values import without_surrogates
from framing.render.formula_guard import formula_like

Cell = str | int | float | None


def clean_text(value: str) -> str:
    """Text a CSV can hold: lone surrogates replaced, NUL (which breaks CSV readers) too."""
    return without_surrogates(value).replace("\x00", "\ufffd")


def _text(value: str) -> str:
    value = clean_text(value)
    return "'" + value if formula_like(value) else value


def header_text(name: str) -> str:
    """A column name as written in a CSV header: defused like any text cell, so an outlet or a
    manifest column called ``=cmd`` cannot become a formula (whatever the guard setting)."""
    return _text(name)


def _number(value: float) -> str:
    return repr(float(round(value, 6)))


_BY_TYPE: dict[type, Callable[[Any], str]] = {
    str: _text,
    int: str,
    float: _number,  # (a NumPy float is a subclass: cell_text finds it)
    bool: lambda value: "true" if value else "false",
    type(None): lambda _value: "",
}


def cell_text(value: Cell, guard: bool = True) -> str:
    """How one value is written: floats to 6 decimals, None empty, formula-like text defused
    (unless ``guard`` is false)."""
    if isinstance(value, str) and not guard:
        return clean_text(value)
    convert = _BY_TYPE.get(type(value))
    if convert is None:  # a subclass, e.g. a NumPy float
        convert = next(f for kind, f in _BY_TYPE.items() if isinstance(value, kind))
    return convert(value)


def _unguarded(value: Cell) -> str:
    return cell_text(value, guard=False)


# cell_text with the guard off, by exact type (anything else goes through cell_text).
_UNGUARDED: dict[type, Callable[[Any], str]] = {
    **_BY_TYPE,
    str: clean_text,
    float: lambda value: repr(round(value, 6)),  # a float already: as _number, one call less
}


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """CSV text with a header row; line endings are \\r\\n as RFC 4180 specifies. Text is
    written as given: the formula guard is applied when the file is written
    (:meth:`FormulaGuard.csv_text`, through :class:`~framing.render.files.StagedFiles`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header_text(name) for name in header])
    # The converter looked up by exact type, in one comprehension: the tables hold hundreds
    # of thousands of cells, and a call of cell_text per cell cost more than the writing.
    convert = _UNGUARDED.get
    writer.writerows([convert(type(value), _unguarded)(value) for value in row] for row in rows)
    return buffer.getvalue()


def csv_writer(stream: TextIO) -> Any:
    """A CSV writer on ``stream`` with the \\r\\n line ends of RFC 4180."""
    return csv.writer(stream, lineterminator="\r\n")
