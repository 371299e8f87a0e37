"""The spreadsheet formula guard of every CSV file framing writes.

A spreadsheet runs a cell that starts with = + - @, a tab or a carriage return as a formula
(OWASP's CSV-injection guidance), so by default such text cells get a leading apostrophe. Numbers,
negative ones included, stay numbers. The guard changes the data, which matters to pandas or R
users: ``--no-formula-guard`` turns it off, and either way the guard remembers which columns held
such cells, so README.txt can name them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

# Full-width forms too: some spreadsheets read them as the ASCII signs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# A number as a spreadsheet reads one (optional sign, digit groups, decimals, exponent,
# percent): it stays as it is even when it starts with - or +, since no formula runs.
_START_CHARACTERS = frozenset(FORMULA_STARTS)  # each start is one character
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?")


# Where a cell of CSV text may hold a formula: a formula sign at the start of an unquoted cell
# (which cannot start with a line break) or just inside the opening quote of a quoted one; + and
# - only when the cell is not a number. It finds every formula-like cell and more (in a header,
# after a quote inside a quoted cell): a file in which it finds nothing is written as it is,
# without being read cell by cell (a report of 2,000 news-like articles: 0.2 CPU s less).
_SIGNS = "=@\uff1d\uff0b\uff0d\uff20"
_UNQUOTED_NUMBER = r"(?=[^,\r\n]*\d)\d*(?:\.\d+)?(?:[eE][+-]?\d+)?%?(?:[,\r\n]|\Z)"
_QUOTED_NUMBER = (
    r'(?=[^"]*\d)(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?"(?=[,\r\n]|\Z)'
)
_MAYBE_FORMULA = re.compile(
    # led by one set of characters, so that the search skips ahead to the next sign quickly
    rf"[{_SIGNS}\t\r+-](?:(?<=[,\r\n\"][{_SIGNS}\t])|(?<=\"\r)"
    rf'|(?<=[,\r\n][+-])(?!{_UNQUOTED_NUMBER})|(?<="[+-])(?!{_QUOTED_NUMBER}))'
)


def plain_number(text: str) -> bool:
    """True when ``text`` reads as a number (a manifest's ``-0.5`` or ``-1e5``)."""
    return any(c.isdigit() for c in text) and _PLAIN_NUMBER.fullmatch(text) is not None


def formula_like(text: str) -> bool:
    """True when a spreadsheet would run ``text`` as a formula: it starts with = + - @, a tab
    or a carriage return, and is not a plain number."""
    return text.startswith(FORMULA_STARTS) and not plain_number(text)


@dataclass
class FormulaGuard:
    """Defuses formula-like text cells (when ``enabled``) and records, per file, the columns
    that held one in :attr:`touched` (whether or not it was enabled)."""

    enabled: bool = True
    touched: dict[str, set[str]] = field(default_factory=dict)

    def text(self, file: str, column: str, value: str) -> str:
        """One text cell of ``column`` in ``file``, as written."""
        if not formula_like(value):
            return value
        self.touched.setdefault(file, set()).add(column)
        return "'" + value if self.enabled else value

    def csv_text(self, file: str, content: str) -> str:
        """CSV ``content`` (header first, cells as written) with every text cell guarded; a
        cell that reads as a plain number is a number and left alone."""
        if not content.startswith(FORMULA_STARTS) and _MAYBE_FORMULA.search(content) is None:
            return content
        rows = list(csv.reader(io.StringIO(content, newline="")))
        if not rows:
            return content
        header = rows[0]
        changed = False
        for row in rows[1:]:
            for index, cell in enumerate(row):
                # The first character looked up before the call: most cells start with none.
                if cell[:1] in _START_CHARACTERS and formula_like(cell):
                    column = header[index] if index < len(header) else f"column {index + 1}"
                    row[index] = self.text(file, column, cell)
                    changed = True
        if not changed:
            return content
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        return buffer.getvalue()

    def note(self) -> list[str]:
        """README.txt lines: what the guard did, and to which columns."""
        touched = [
            f"  {name}: {', '.join(sorted(columns))}"
            for name, columns in sorted(self.touched.items())
        ]
        if self.enabled:
            lines = [
                "Formula guard (on; --no-formula-guard turns it off): text cells starting with",
                "= + - @, a tab or a carriage return are prefixed with ' so a spreadsheet shows",
                "them instead of running them. Remove that ' before analysing them in pandas or R.",
            ]
            return lines + (
                ["Columns where it added one:", *touched] if touched else ["It changed no cell."]
            )
        lines = [
            "Formula guard: off (--no-formula-guard). Text is written exactly as read; do not",
            "open these files in a spreadsheet program without checking the columns below.",
        ]
        return lines + (
            ["Columns with cells a spreadsheet would run as a formula:", *touched]
            if touched
            else ["No cell would run as a formula."]
        )
