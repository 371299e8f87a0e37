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
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

import numpy as np

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
    table = rows if isinstance(rows, list) else list(rows)
    if len(set(map(len, table))) != 1 or len(table[0]) < 2:
        # Rows of different lengths, or of one cell (which the csv module writes as "" when
        # empty): cell by cell, by the csv module.
        convert = _UNGUARDED.get
        writer.writerows([convert(type(value), _unguarded)(value) for value in row]
                         for row in table)  # fmt: skip
        return buffer.getvalue()
    # A column at a time, joined without the csv module: the tables hold hundreds of thousands
    # of cells, and a column of one type is converted without a Python call per cell (a text
    # column's distinct values once each, quoted as the csv module quotes them).
    columns = [_column_texts(column) for column in zip(*table, strict=True)]
    buffer.write("\r\n".join(map(",".join, zip(*columns, strict=True))))
    buffer.write("\r\n")
    return buffer.getvalue()


# What makes the csv module (excel dialect, minimal quoting, \r\n line ends) quote a cell.
_NEEDS_QUOTES = re.compile('[,"\r\n]')


def quoted(text: str) -> str:
    """``text`` as the csv module writes it in a row of more than one cell: in double quotes,
    quotes doubled, when it holds a comma, a quote or a line break; else as it is."""
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def _column_texts(column: tuple[Cell, ...]) -> Iterable[str]:
    """The cells of one column as :func:`cell_text` writes them without the guard, quoted
    for CSV. Numbers never need quotes."""
    kinds = set(map(type, column))
    if kinds == {str}:
        texts = {value: quoted(clean_text(value)) for value in set(column)}  # type: ignore[arg-type]
        return map(texts.__getitem__, column)
    if kinds == {int}:
        return map(str, column)
    if kinds <= {float, type(None)}:
        return _float_texts(column)  # type: ignore[arg-type]
    convert = _UNGUARDED.get
    return [quoted(convert(type(value), _unguarded)(value)) for value in column]


def _float_texts(column: tuple[float | None, ...]) -> list[str]:
    """A column of floats (and missing values) as _UNGUARDED writes them, each distinct value
    rounded and written once: rounding to 6 decimals costs a decimal conversion, and a share
    or a bound (0.0 most of all) repeats over thousands of rows."""
    distinct = set(column)
    texts: dict[float | None, str] = {value: repr(round(value, 6)) for value in distinct if value}
    texts[None] = ""
    if 0.0 in distinct:  # 0.0 and -0.0 are one key, but are written differently
        values = np.array(column, dtype=np.float64)  # None as NaN
        if np.signbit(values[values == 0]).any():
            return [texts[value] if value or value is None else repr(round(value, 6))
                    for value in column]  # fmt: skip
        texts[0.0] = "0.0"
    return list(map(texts.__getitem__, column))


def csv_writer(stream: TextIO) -> Any:
    """A CSV writer on ``stream`` with the \\r\\n line ends of RFC 4180."""
    return csv.writer(stream, lineterminator="\r\n")
