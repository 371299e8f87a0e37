"""The lines of a table file as text, decoded one line at a time, so that one undecodable line
costs that line's row and not the whole file."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

_AFTER_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


class DecodedLines:
    """The lines of a binary stream as text, decoded one line at a time, so that a byte that
    does not fit the encoding is found at its own line: that line is handed out with U+FFFD
    in place of the bad bytes and noted in :attr:`bad`, and reading goes on. UTF-16 and
    UTF-32, whose newlines span several bytes, are decoded by a text wrapper (a bad byte
    there ends the file)."""

    def __init__(self, stream: io.BufferedReader, encoding: str) -> None:
        self.count = 0  # lines handed out, and the one that failed
        # The lines handed out since a caller set this to [] (None: not kept).
        self.record: list[str] | None = None
        self.bad: dict[int, str] = {}  # line number -> what is wrong with it
        self._encoding = encoding
        self._source: Iterator[str] | Iterator[bytes]
        if encoding.startswith(("utf-16", "utf-32")):
            self._source = io.TextIOWrapper(stream, encoding=encoding, newline="")
        else:
            self._source = iter(stream)

    def _pieces(self) -> Iterator[str | bytes]:
        # A lone carriage return ends a line too (files saved by old Mac programs).
        for line in self._source:
            if isinstance(line, bytes) and b"\r" in line[:-2]:
                yield from filter(None, _AFTER_LONE_CR.split(line))
            else:
                yield line

    def problem(self, first: int, last: int) -> str | None:
        """What is wrong with lines ``first`` to ``last``, or ``None`` if they decoded."""
        return next((self.bad[n] for n in range(first, last + 1) if n in self.bad), None)

    def __iter__(self) -> Iterator[str]:
        first = True
        for line in self._pieces():
            self.count += 1
            if isinstance(line, str):
                if self.record is not None:
                    self.record.append(line)
                yield line
                continue
            try:
                text = line.decode(self._encoding)
            except UnicodeDecodeError as error:
                self.bad[self.count] = (
                    f"not valid {self._encoding} ({error.reason} at byte {error.start + 1} of "
                    f"line {self.count})"
                )
                text = line.decode(self._encoding, "replace")
            if first and text.startswith("\ufeff"):
                text = text[1:]
            first = False
            if self.record is not None:
                self.record.append(text)
            yield text
