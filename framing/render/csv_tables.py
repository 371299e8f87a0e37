"""CSV exports of scored articles: one row per article, per term hit, per sentence, ...

:class:`ScoreTables` writes every per-article file row by row as scores arrive; the rows
themselves are made by :class:`~framing.render.article_rows.RowFormatter`, and each cell as
:mod:`framing.render.csv_cells` writes it (formula-like text defused, numbers kept numbers,
missing values empty with the reason in the matching ``*_note`` column).
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable, Sequence
from typing import TextIO

from framing.lexicon.model import Lexicon
from framing.model import ArticleScore, ScoredCorpus, Skipped
from framing.render.article_rows import ArticleRows as ArticleRows
from framing.render.article_rows import RowFormatter, metadata_header
from framing.render.csv_cells import Cell, cell_text, clean_text, csv_writer, header_text
from framing.render.formula_guard import FormulaGuard

SKIPPED_COLUMNS = ("source_path", "source_line", "id", "reason")


class ScoreTables:
    """Writes the per-article CSV files row by row as scores arrive, so no table is held in
    memory; ``open_table`` gives the stream each file is written to.

    The rows are made by :attr:`formatter`, here or, already formatted, in the worker process
    that scored the article (see :meth:`add`). articles.csv ends with the manifest columns,
    which are only all known at the end: its rows wait in an unnamed temporary file until
    :meth:`finish`.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        open_table: Callable[[str], TextIO],
        guard: FormulaGuard | None = None,
        inline_sentences: bool = False,
    ) -> None:
        self.guard = guard if guard is not None else FormulaGuard()
        self.formatter = RowFormatter(lexicon, self.guard.enabled, inline_sentences)
        self._article_header = self.formatter.article_header
        self._open = open_table
        self.columns: set[str] = set()  # manifest columns of the articles written
        # Closed (and so deleted) by finish.
        self._pending = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        self._tables = self.formatter.tables
        self._streams = {}
        for name, header in self._tables.items():
            stream = self._open(name)
            csv_writer(stream).writerow(header)
            self._streams[name] = stream

    def add(self, score: ArticleScore, rows: ArticleRows | None = None) -> None:
        """Write one article's rows: ``rows``, when :attr:`formatter` made them elsewhere."""
        if rows is None:
            rows = self.formatter(score)
        self.columns.update(key for key, _value in score.article.metadata)
        self._pending.write(rows.pending)
        for name, text in rows.tables:
            self._streams[name].write(text)
        for file, column in rows.formula_cells:
            self.guard.touched.setdefault(file, set()).add(column)

    def _cells(self, file: str, header: Sequence[str], row: Sequence[Cell]) -> list[str]:
        return [
            self.guard.text(file, column, clean_text(value))
            if isinstance(value, str)
            else cell_text(value)
            for column, value in zip(header, row, strict=True)
        ]

    def finish(self, skipped: Sequence[Skipped]) -> dict[str, tuple[str, ...]]:
        """Write articles.csv and skipped.csv; the header of every file written, by name."""
        extra = sorted(self.columns)
        header = list(self._article_header)
        header += [metadata_header(column, header) for column in extra]
        stream = self._open("articles.csv")
        csv_writer(stream).writerow([header_text(name) for name in header])
        self._pending.seek(0)
        buffer = io.StringIO()
        extras_writer = csv_writer(buffer)
        for line in self._pending:
            cells, values = json.loads(line)
            if not extra:
                stream.write(cells + "\r\n")
                continue
            extras = [
                self.guard.text("articles.csv", column, clean_text(str(values.get(c, ""))))
                for c, column in zip(extra, header[len(self._article_header) :], strict=True)
            ]
            buffer.seek(0)
            buffer.truncate()
            # The empty first cell stands for the cells before: it writes the comma between.
            extras_writer.writerow(["", *extras])
            stream.write(cells + buffer.getvalue())
        self._pending.close()
        skipped_writer = csv_writer(self._open("skipped.csv"))
        skipped_writer.writerow(SKIPPED_COLUMNS)
        for s in skipped:
            values = (s.source_path, s.source_line, s.id, s.reason)
            skipped_writer.writerow(self._cells("skipped.csv", SKIPPED_COLUMNS, values))
        headers = {name: tuple(columns) for name, columns in self._tables.items()}
        headers["articles.csv"] = tuple(header_text(name) for name in header)
        headers["skipped.csv"] = SKIPPED_COLUMNS
        return headers


def score_tables(result: ScoredCorpus, lexicon: Lexicon) -> dict[str, str]:
    """Every CSV of ``framing score --out``, by file name, as text."""
    streams: dict[str, io.StringIO] = {}

    def open_table(name: str) -> TextIO:
        streams[name] = io.StringIO(newline="")
        return streams[name]

    tables = ScoreTables(lexicon, open_table)
    for score in result.scores:
        tables.add(score)
    tables.finish(result.skipped)
    return {name: stream.getvalue() for name, stream in streams.items()}
