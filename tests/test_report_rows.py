"""Per-article report parts made in worker processes: the same as made in the main process."""

from __future__ import annotations

import io
import pickle
from typing import TextIO

import numpy as np
import pytest

import framing
from framing.compare.accumulate import ArticleCounter
from framing.compare.articles import layout_of
from framing.lexicon.loader import read_stopwords
from framing.lexicon.model import Lexicon
from framing.model import Article, ArticleScore
from framing.render.article_rows import ArticleRows, RowFormatter
from framing.render.csv_tables import ScoreTables
from framing.render.formula_guard import FormulaGuard
from framing.report_rows import ReportPreparation, ReportRows
from framing.scoring.scorer import Scorer, Work, process_pool
from framing.store_rows import store_rows

ARTICLES = (
    Article(
        id="gazette-1",
        outlet="Harbour Gazette",
        title="=Council passes budget after a long night of debate",
        text=(
            "The city council passed its budget just after midnight on Tuesday. Councillor "
            "Maria Okafor called the plan a lifeline for the bus network, but critics said the "
            "cuts to libraries were cruel and short-sighted.\n\n"
            "-Opponents promised to fight the closures at the next meeting. The mayor defended "
            "the spending plan as honest and balanced."
        ),
        date="2024-03-05",
        metadata=(("region", "-north"), ("section", "politics")),
    ),
    Article(
        id="post-7",
        outlet="Valley Post",
        title="Storm closes coastal roads as rivers rise",
        text=(
            "Heavy rain closed three coastal roads on Monday and forced dozens of families from "
            "their homes. Emergency crews worked through the night, but the river kept rising. "
            "Officials warned of a dangerous surge and urged residents to stay indoors."
        ),
        date="2024-03-04",
        metadata=(("section", "weather"),),
    ),
    Article(
        id="post-8",
        outlet="Valley Post",
        title="@Rail strike talks collapse",
        text=(
            "Talks between the rail union and the operator collapsed on Friday. The union "
            "blamed management for a disgraceful offer, while the company said the demands "
            "were unaffordable. Commuters face a week of cancelled trains."
        ),
    ),
)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return framing.read_lexicon()


def _preparation(lexicon: Lexicon, inline: bool = False) -> ReportPreparation:
    counter = ArticleCounter(layout_of(lexicon), 0.05, read_stopwords())
    return ReportPreparation(RowFormatter(lexicon, True, inline), counter)


def _same(first: ReportRows, second: ReportRows) -> None:
    assert first.rows == second.rows
    assert first.story == second.story
    assert np.array_equal(first.counts.columns, second.counts.columns)
    assert np.array_equal(first.counts.values, second.counts.values)
    assert first.counts.term_counts == second.counts.term_counts
    assert first.counts.name_contexts == second.counts.name_contexts


def test_worker_processes_make_the_same_parts_and_store_rows(lexicon: Lexicon) -> None:
    preparation = _preparation(lexicon)
    scorer = Scorer(lexicon, stopwords=read_stopwords(), prepare=preparation)
    work = [Work(article, None, stored=True) for article in ARTICLES]
    chunks = list(process_pool(2)(scorer, iter([work[:2], work[2:]])))
    done = [scored for chunk in chunks for scored in chunk]
    assert [d.score.article.id for d in done] == [a.id for a in ARTICLES]
    for scored in done:
        assert isinstance(scored.prepared, ReportRows)
        _same(scored.prepared, preparation(scored.score))
        assert scored.stored == store_rows(scored.score)


def _tables(
    lexicon: Lexicon, scores: list[ArticleScore], elsewhere: bool, inline: bool
) -> tuple[dict[str, str], dict[str, set[str]]]:
    streams: dict[str, io.StringIO] = {}

    def open_table(name: str) -> TextIO:
        streams[name] = io.StringIO(newline="")
        return streams[name]

    guard = FormulaGuard()
    tables = ScoreTables(lexicon, open_table, guard, inline_sentences=inline)
    # A formatter that travelled to another process, as the pool or Dask sends it.
    formatter: RowFormatter = pickle.loads(pickle.dumps(tables.formatter))
    for score in scores:
        rows: ArticleRows | None = formatter(score) if elsewhere else None
        tables.add(score, rows)
    tables.finish(())
    return {name: s.getvalue() for name, s in streams.items()}, guard.touched


@pytest.mark.parametrize("inline", [False, True])
def test_rows_formatted_elsewhere_write_the_same_files(lexicon: Lexicon, inline: bool) -> None:
    scorer = Scorer(lexicon)
    scores = [scorer.score(article) for article in ARTICLES]
    here, touched_here = _tables(lexicon, scores, elsewhere=False, inline=inline)
    there, touched_there = _tables(lexicon, scores, elsewhere=True, inline=inline)
    assert there == here
    assert touched_there == touched_here
    # the formula guard still sees (and defuses) the cells of rows made elsewhere
    assert {"title", "region"} <= touched_there["articles.csv"]
    assert "'=Council passes budget" in there["articles.csv"]
    assert ",'-north,politics\r\n" in there["articles.csv"]
    assert there["articles.csv"].endswith(",,\r\n")  # no manifest values: two empty cells
