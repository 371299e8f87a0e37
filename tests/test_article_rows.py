"""Per-article CSV rows made column by column: the same cells and bytes as made row by row."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import replace

import pytest

from framing.lexicon.loader import read_lexicon
from framing.model import Article, ArticleScore, Removal
from framing.render.article_rows import (
    RowFormatter,
    actor_columns,
    actor_rows,
    csv_lines,
    hit_columns,
    hit_rows,
    removed_columns,
    removed_rows,
    sentence_columns,
    sentence_rows,
)
from framing.scoring.scorer import Scorer

ARTICLE = Article(
    id="ledger-12",
    outlet="Northern Ledger",
    title='Port workers walk out, "for good" says union as ministers meet',
    text=(
        "Dock workers in Aldport walked off the job on Thursday, saying the new contract cut "
        'their pay by 8%, and the union\'s leader, Tomasz Wójcik, called the offer "an insult".\n'
        "The transport minister, Ana Lima, said the government would not be held hostage. "
        "Shipping firms warned that a long strike would be a disaster for exporters; some "
        "diverted cargo to Brennmouth.\n"
        "=Analysts at one bank said costs could rise 2,5 percent. Residents were angry but calm."
    ),
    date="2025-02-13",
    removed=(Removal(3, "byline", 'By Staff, "Ledger"'), Removal(9, "share", "=Share this")),
)


@pytest.fixture(scope="module")
def score() -> ArticleScore:
    return Scorer(read_lexicon()).score(ARTICLE)


def _rows(columns: list[list[object]]) -> list[list[object]]:
    return [list(row) for row in zip(*columns, strict=True)]


def test_columns_hold_the_cells_of_the_rows(score: ArticleScore) -> None:
    assert score.terms and score.sentiment.sentences and score.article.removed
    assert _rows(hit_columns(score)) == list(hit_rows(score))
    assert _rows(hit_columns(score, cues=True)) == list(hit_rows(score, cues=True))
    assert _rows(sentence_columns(score)) == list(sentence_rows(score))
    assert _rows(actor_columns(score)) == list(actor_rows(score))
    assert _rows(removed_columns(score)) == list(removed_rows(score))


def test_mentions_out_of_scope_are_merged_in_text_order_as_rows_merge_them(
    score: ArticleScore,
) -> None:
    first = score.terms[0]
    # One left out at the same place as a counted mention (the counted one stays first), one
    # before every mention and one after.
    dropped = (
        replace(first, target="minister", scope="no name nearby"),
        replace(first, sentence_index=0, start=0, end=4, scope="the headline"),
        replace(first, sentence_index=99, scope="far"),
    )
    mixed = replace(score, out_of_scope=dropped)
    columns = hit_columns(mixed)
    assert _rows(columns) == list(hit_rows(mixed))
    assert columns[-2].count(False) == 3
    assert len(_rows(hit_columns(replace(score, terms=(), out_of_scope=dropped)))) == 3


def test_no_mentions_give_empty_columns(score: ArticleScore) -> None:
    empty = replace(score, terms=(), frame_cues=(), out_of_scope=())
    assert all(column == [] for column in hit_columns(empty))
    assert all(column == [] for column in hit_columns(empty, cues=True))


def _writer_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "cells",
    [
        ["plain", "", "Zürich", "x" * 5000],
        ["a,b", 'say "no"', "two\nlines", "carriage\rreturn"],
        ['"', ",", "\r\n", ""],
        ["  spaced  ", "'quoted'", "tab\there", "\u2028separator"],
    ],
)
def test_csv_lines_are_the_csv_writers_lines(cells: list[str]) -> None:
    rows = [cells, list(reversed(cells)), ["1", "2.5", "true", "n/a"]]
    columns = [list(column) for column in zip(*rows, strict=True)]
    assert csv_lines(columns) == _writer_text(rows)


def test_csv_lines_match_the_writer_on_random_cells() -> None:
    generator = random.Random(20251201)
    alphabet = ["a", "Z", " ", ",", '"', "\n", "\r", "'", "=", "é", "\u201c", "0"]
    for _ in range(300):
        width = generator.randint(2, 6)
        rows = [
            ["".join(generator.choices(alphabet, k=generator.randint(0, 6))) for _ in range(width)]
            for _ in range(generator.randint(1, 5))
        ]
        columns = [list(column) for column in zip(*rows, strict=True)]
        assert csv_lines(columns) == _writer_text(rows)


def test_formatted_tables_are_the_cell_by_cell_rows(score: ArticleScore) -> None:
    formatter = RowFormatter(read_lexicon())
    made = formatter(score)
    touched: set[tuple[str, str]] = set()
    hits = [[row[i] for i in formatter._hit_cells] for row in hit_rows(score)]
    cues = [[row[i] for i in formatter._cue_cells] for row in hit_rows(score, cues=True)]
    expected = []
    for name, rows in (
        ("term_hits.csv", hits),
        ("sentences.csv", list(sentence_rows(score))),
        ("actor_sentiment.csv", list(actor_rows(score))),
        ("removed_lines.csv", list(removed_rows(score))),
        ("frame_cues.csv", cues),
    ):
        header = formatter.tables[name]
        if rows:
            cells = [formatter._cells(name, header, row, touched) for row in rows]
            expected.append((name, _writer_text(cells)))
    assert made.tables == tuple(expected)
    assert made.formula_cells == tuple(sorted(touched))
    assert ("removed_lines.csv", "text") in touched
    assert ("sentences.csv", "text") in touched
    assert "'=Analysts" in dict(made.tables)["sentences.csv"]
