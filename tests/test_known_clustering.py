"""The clustering's print: the same inputs give the same print (and the clustering is taken
from the earlier run), a changed feature column gives another, a column no feature reads
does not matter."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pytest

import framing
from framing.compare.accumulate import GroupAccumulator
from framing.compare.articles import layout_of
from framing.compare.blocks import FeatureBlock
from framing.compare.clusters import cluster_resampled_groups
from framing.compare.engine import ComparisonBuilder
from framing.compare.known_clustering import KnownClustering, clustering_print
from framing.lexicon.loader import read_lexicon, read_stopwords
from framing.model import Article, Corpus, ScoredCorpus
from framing.settings import CompareSettings

SENTENCES = [
    "The regional council approved a new budget for the harbour district on Tuesday.",
    "Striking dockworkers blocked the main gate and demanded higher wages.",
    "The mayor called the walkout reckless and urged the union to return to talks.",
    "Police said two people were arrested after scuffles outside the depot.",
    "Shipping firms warned that delays would push up prices for shoppers.",
    "A spokeswoman for the union said members felt ignored for years.",
    "Economists expect inflation to ease slowly over the coming months.",
    "Residents near the port complained about noise from night shifts.",
]
OUTLETS = ("Harbour Herald", "Daily Ledger", "Coast Wire", "Morning Post", "Valley Times")
# A vocabulary block as the lexicon-free results give it (made elsewhere, held at its value).
VOCABULARY = FeatureBlock(
    "vocabulary", ("component 1", "component 2"),
    np.random.default_rng(3).normal(size=(len(OUTLETS), 2)), reduced=True,
)  # fmt: skip
TAIL = 100 * (1 - CompareSettings().confidence) / 2
Rows = list[tuple[str, np.ndarray, np.ndarray]]


@pytest.fixture(scope="module")
def scored(make_article: Callable[[str, str, list[str]], Article]) -> ScoredCorpus:
    rng = random.Random(11)
    articles = [
        make_article(f"{outlet[:4]}{n}", outlet, rng.sample(SENTENCES, rng.randint(2, 6)))
        for outlet in OUTLETS
        for n in range(7)
    ]
    return framing.score_corpus(Corpus(tuple(articles)), read_lexicon())


def rows_of(result: ScoredCorpus) -> tuple[GroupAccumulator, Rows]:
    accumulator = GroupAccumulator(layout_of(read_lexicon()), 0.05, frozenset(), 200, 7)
    return accumulator, [(s.article.outlet, *accumulator.counter.row(s)) for s in result.scores]


def print_and_clustering(rows: Rows) -> tuple[str | None, object]:
    accumulator = GroupAccumulator(layout_of(read_lexicon()), 0.05, frozenset(), 200, 7)
    for group, columns, values in rows:
        accumulator.add_row(group, columns, values, "", False)
    groups = tuple(sorted(accumulator.groups))
    settings = CompareSettings()
    point, replicates = accumulator.finish(groups, settings.stability_replicates)
    sizes = [accumulator.groups[g].articles for g in groups]
    made = clustering_print(point, replicates, sizes, groups, settings, [VOCABULARY], TAIL)
    clustering = cluster_resampled_groups(
        point, replicates.only_heads(), sizes, groups, settings, [VOCABULARY]
    )
    return made, clustering


def changed(rows: Rows, place: int, column: int, by: float) -> Rows:
    """``rows`` with article ``place``'s ``column`` raised by ``by``."""
    group, columns, values = rows[place]
    if column in columns:
        values = values.copy()
        values[list(columns).index(column)] += by
    else:
        order = np.argsort(np.append(columns, column))
        columns, values = np.append(columns, column)[order], np.append(values, by)[order]
    return [*rows[:place], (group, columns, values), *rows[place + 1 :]]


def test_the_print_follows_the_features_columns_only(scored: ScoredCorpus) -> None:
    accumulator, rows = rows_of(scored)
    offsets = accumulator.layout.offsets
    first, clustering = print_and_clustering(rows)
    assert first is not None and len(first) == 64
    assert print_and_clustering(rows) == (first, clustering)  # the same inputs, the same print
    # A feature's column (the tone of one article) changes: another print.
    tone = changed(rows, 5, offsets["sentiment_mean"][0], 0.25)
    assert print_and_clustering(tone)[0] != first
    # The article's word count is read by no feature: the same print, and the clustering
    # computed afresh is indeed the same.
    words = changed(rows, 5, offsets["words"][0], 40.0)
    again, recomputed = print_and_clustering(words)
    assert again == first and recomputed == clustering


def test_a_known_clustering_is_reused_only_under_its_print(scored: ScoredCorpus) -> None:
    def finished(known: KnownClustering | None) -> ComparisonBuilder:
        builder = ComparisonBuilder(read_lexicon(), read_stopwords())
        builder.clustering_prints = True
        builder.known_clustering = known
        for score in scored.scores:
            builder.add(score)
        builder.finish()
        return builder

    cold = finished(None)
    computed = cold.computed_clustering
    assert computed is not None and not cold.clustering_reused
    marked = replace(computed.clustering, note="taken from the earlier run")
    reused = finished(KnownClustering(computed.print, marked))
    assert reused.clustering_reused and reused.computed_clustering is None
    other = finished(KnownClustering("0" * 64, marked))  # another print: computed again
    assert not other.clustering_reused and other.computed_clustering == computed
