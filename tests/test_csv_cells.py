"""to_csv's column-at-a-time writing against the csv module writing cell by cell."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.render.csv_cells import Cell, cell_text, header_text, quoted, to_csv


def cell_by_cell(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """The CSV as the csv module writes it from each cell's :func:`cell_text` (no guard)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header_text(name) for name in header])
    writer.writerows([cell_text(value, guard=False) for value in row] for row in rows)
    return buffer.getvalue()


TEXT = st.one_of(
    st.sampled_from(["", "Outlet 00", "a,b", 'say "no"', "two\r\nlines", "cr\ronly", "lf\nonly",
                     "=SUM(A1)", "-3", "nul\x00here", "lone \ud800 surrogate", " spaced ", "'"]),
    st.text(max_size=12),
)  # fmt: skip
FLOAT = st.one_of(
    st.sampled_from([0.0, -0.0, -1e-9, 1e-9, 0.5, 1 / 3, 2 / 3, 1.0, -1.0, 1e-7, 123456.7654321]),
    st.floats(allow_nan=True, allow_infinity=True),
)
COLUMN = st.sampled_from(["text", "float", "float_or_none", "int", "bool", "mixed"])
MIXED = st.one_of(TEXT, FLOAT, st.integers(), st.booleans(), st.none(),
                  st.floats(-1e6, 1e6).map(np.float64))  # fmt: skip


def cells_of(kind: str) -> st.SearchStrategy[Cell]:
    return {
        "text": TEXT,
        "float": FLOAT,
        "float_or_none": st.one_of(FLOAT, st.none()),
        "int": st.integers(),
        "bool": st.booleans(),
        "mixed": MIXED,
    }[kind]  # type: ignore[return-value]


@st.composite
def tables(draw: st.DrawFn) -> list[list[Cell]]:
    kinds = draw(st.lists(COLUMN, min_size=1, max_size=5))
    count = draw(st.integers(0, 30))
    return [[draw(cells_of(kind)) for kind in kinds] for _ in range(count)]


@given(rows=tables())
@settings(max_examples=400, deadline=None)
def test_to_csv_writes_what_the_csv_module_writes_cell_by_cell(rows: list[list[Cell]]) -> None:
    header = [f"c{i}" for i in range(len(rows[0]) if rows else 1)]
    assert to_csv(header, rows) == cell_by_cell(header, rows)


@given(rows=st.lists(st.lists(MIXED, max_size=4), max_size=6))
@settings(max_examples=200, deadline=None)
def test_rows_of_any_length_are_written_as_the_csv_module_writes_them(
    rows: list[list[Cell]],
) -> None:
    assert to_csv(["a", "b"], rows) == cell_by_cell(["a", "b"], rows)


def test_repeated_floats_keep_the_sign_of_each_zero() -> None:
    # 0.0 and -0.0 are equal (one key of a dict), but are written differently.
    rows: list[list[Cell]] = [["a", 0.0], ["b", -0.0], ["c", 0.0], ["d", None], ["e", -1e-9]]
    assert to_csv(["x", "y"], rows) == "x,y\r\na,0.0\r\nb,-0.0\r\nc,0.0\r\nd,\r\ne,-0.0\r\n"
    assert to_csv(["x", "y"], rows) == cell_by_cell(["x", "y"], rows)


def test_text_is_quoted_as_the_csv_module_quotes_it() -> None:
    for text in ["plain", "a,b", 'say "no"', "line\nbreak", "cr\r", "", " ", "'quote'"]:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow([text, "x"])
        assert buffer.getvalue() == f"{quoted(text)},x\r\n"
