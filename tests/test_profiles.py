"""Group profiles: intervals computed only for the figures a profile shows equal those of the
whole resample table."""

from __future__ import annotations

import random
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, cast

import numpy as np
import pytest

import framing
from framing.compare import profiles
from framing.compare.accumulate import GroupAccumulator
from framing.compare.articles import ArticleTable, aggregate, layout_of
from framing.compare.engine import compare
from framing.compare.group_intervals import SCALAR, GroupIntervals, _variant_share_bounds
from framing.compare.known_bounds import KnownBounds, column_prints
from framing.compare.percentiles import nan_percentiles
from framing.lexicon.loader import read_lexicon, read_stopwords
from framing.model import Article, Corpus, ScoredCorpus
from framing.settings import CompareSettings

SENTENCES = [
    "The strongman Khalifa Haftar ordered an assault on the port.",
    "Field Marshal Khalifa Haftar met the envoy in Benghazi.",
    "Daesh militants attacked a checkpoint near the coast.",
    "Officials said the talks on the ceasefire would resume.",
    "The rebels accused the government of a brutal crackdown.",
    "Protesters marched through the capital demanding elections.",
    "The minister praised the successful negotiations.",
    "Residents described the shelling as terrifying.",
]


@pytest.fixture(scope="module")
def scored(make_article: Callable[[str, str, list[str]], Article]) -> ScoredCorpus:
    """Four outlets' articles, scored once for the module."""
    rng = random.Random(4)
    articles = [
        make_article(f"{outlet}{n}", outlet, rng.sample(SENTENCES, rng.randint(2, 5)))
        for outlet in ("North", "South", "East", "West")
        for n in range(8)
    ]
    return framing.score_corpus(Corpus(tuple(articles)), read_lexicon())


def test_intervals_of_the_shown_figures_equal_those_of_the_whole_table(
    scored: ScoredCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = scored
    shown_only = compare(result, read_lexicon(), read_stopwords())

    class Whole(GroupIntervals):  # every figure of every column, from the whole table
        def _prepare(self) -> None:
            assert self.replicates is not None
            values = aggregate(self.replicates[self.group])
            for field, (_shown, _inputs, width) in self._figures().items():
                samples = np.asarray(getattr(values, field), dtype=np.float64)
                low, high = nan_percentiles(samples, [self.tail, 100 - self.tail])
                whole = (
                    (low.tolist(), high.tolist()) if width != SCALAR else (float(low), float(high))
                )
                self._bounds[field] = whole

    monkeypatch.setattr(profiles, "GroupIntervals", Whole)
    whole = compare(result, read_lexicon(), read_stopwords())
    assert shown_only.variant_shares == whole.variant_shares
    assert shown_only.actors == whole.actors and shown_only.profiles == whole.profiles
    assert shown_only.connotations == whole.connotations and shown_only.frames == whole.frames
    assert shown_only.stances == whole.stances
    assert any(s.share.low is not None for s in whole.variant_shares)  # intervals compared


Rows = list[tuple[str, np.ndarray, np.ndarray]]


def article_rows(result: ScoredCorpus) -> tuple[GroupAccumulator, Rows]:
    accumulator = GroupAccumulator(layout_of(read_lexicon()), 0.05, frozenset(), 200, 7)
    rows = [(s.article.outlet, *accumulator.counter.row(s)) for s in result.scores]
    return accumulator, rows


def profiles_of(rows: Rows, known: KnownBounds | None) -> profiles.Profiles:
    accumulator = GroupAccumulator(layout_of(read_lexicon()), 0.05, frozenset(), 200, 7)
    for group, columns, values in rows:
        accumulator.add_row(group, columns, values, "", False)
    groups = tuple(sorted(accumulator.groups))
    point, replicates = accumulator.finish(groups)
    return profiles.build_profiles(
        point, replicates, accumulator.groups, groups, CompareSettings(), known
    )


def test_known_bounds_are_reused_and_a_changed_column_is_recomputed(
    scored: ScoredCorpus,
) -> None:
    accumulator, rows = article_rows(scored)
    first = KnownBounds()
    fresh = profiles_of(rows, first)
    assert first.computed > 0 and first.reused == 0
    # the same rows again: every interval reused, the same figures
    again = KnownBounds.from_cache(first.kept())
    assert profiles_of(rows, again) == fresh
    assert again.reused == first.computed and again.computed == 0
    # one article gains a positive sentence: only its group's share of them is resampled
    column = accumulator.layout.offsets["positive_sentences"][0]
    group, columns, values = rows[3]
    values = values.copy()
    if column in columns:
        values[list(columns).index(column)] += 1
    else:
        order = np.argsort(np.append(columns, column))
        columns, values = np.append(columns, column)[order], np.append(values, 1.0)[order]
    changed = [*rows[:3], (group, columns, values), *rows[4:]]
    edited = KnownBounds.from_cache(first.kept())
    after = profiles_of(changed, edited)
    assert after == profiles_of(changed, None)  # the same as computed afresh
    assert edited.computed == 1 and edited.reused == first.computed - 1
    before = {p.group: p.positive_share for p in fresh.profiles}
    assert [p.positive_share != before[p.group] for p in after.profiles].count(True) <= 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda kept: {**kept, "low": kept["low"][:-1]},  # cut short
        lambda kept: {**kept, "low": kept["high"] + 1.0},  # a lower bound above the upper
        lambda kept: {**kept, "prints": kept["prints"].astype(np.int64)},  # another type
        lambda kept: {"prints": kept["prints"]},  # a part missing
        lambda kept: [kept],  # not a table at all
    ],
)
def test_a_damaged_table_of_bounds_is_refused(damage: Callable[[Any], Any]) -> None:
    prints = column_prints([], 3, [1, "g", 200, 2.5])
    known = KnownBounds()
    known.remember(prints, np.array([0.1, 0.2, np.nan]), np.array([0.3, 0.2, np.nan]))
    assert KnownBounds.from_cache(known.kept()).lookup(prints)[0].all()
    with pytest.raises(ValueError):
        KnownBounds.from_cache(damage(known.kept()))


def test_column_prints_change_only_with_their_column() -> None:
    rng = np.random.default_rng(3)
    lengths = np.array([2, 3, 1], dtype=np.int32)
    columns = np.array([0, 4, 1, 2, 4, 3], dtype=np.int32)
    values = rng.random(6)
    prints = column_prints([(0, columns, values, lengths)], 6, [1, "g", 400, 2.5])
    assert len({tuple(p) for p in prints.tolist()}) == 6  # every column its own print
    changed = values.copy()
    changed[4] += 1e-12  # the second value of column 4
    again = column_prints([(0, columns, changed, lengths)], 6, [1, "g", 400, 2.5])
    assert (again != prints).any(axis=1).tolist() == [False, False, False, False, True, False]
    moved = column_prints([(1, columns, values, lengths)], 6, [1, "g", 400, 2.5])
    other = column_prints([(0, columns, values, lengths)], 6, [1, "h", 400, 2.5])
    assert (moved != prints).all() and (other != prints).all()  # other weights: every column


def test_bounds_of_variants_a_group_never_uses_are_those_of_their_divided_resamples() -> None:
    """A variant no article of the group uses has the percentiles of its resampled shares:
    0 where some resample mentions its concept, no interval where none does."""
    rng = np.random.default_rng(8)
    resamples, concepts = 400, 5
    concept_counts = rng.poisson(1.5, size=(resamples, concepts)).astype(np.float64)
    concept_counts[:, 3] = 0.0  # a concept no resample mentions
    variant_concept = np.array([0, 0, 1, 1, 1, 2, 3, 4, 4], dtype=np.int64)
    variant_counts = np.floor(concept_counts[:, variant_concept] * rng.random((resamples, 9)))
    variant_counts[:, [1, 4, 6, 8]] = 0.0  # never used by the group
    sums = cast(ArticleTable, SimpleNamespace(concept_counts=concept_counts,
                                              variant_counts=variant_counts))  # fmt: skip
    variants = np.arange(9, dtype=np.intp)
    point = variant_counts.sum(axis=0)
    got = _variant_share_bounds(sums, variant_concept, variants, point, [2.5, 97.5])
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = variant_counts / concept_counts[:, variant_concept]
    shares[~(concept_counts[:, variant_concept] > 0)] = np.nan
    expected = nan_percentiles(shares, [2.5, 97.5])
    assert got.tobytes() == expected.tobytes()
    assert np.isnan(got[:, 6]).all() and (got[:, [1, 4, 8]] == 0).all()


@pytest.mark.parametrize("articles", [1, 8])
def test_estimates_of_many_columns_are_those_made_one_by_one(
    scored: ScoredCorpus, articles: int
) -> None:
    rows = article_rows(scored)[1]
    accumulator = GroupAccumulator(layout_of(read_lexicon()), 0.05, frozenset(), 200, 7)
    for group, columns, values in rows[:articles]:
        accumulator.add_row(group, columns, values, "", False)
    groups = tuple(sorted(accumulator.groups))
    point_table, replicates = accumulator.finish(groups)
    point = aggregate(point_table)
    shares = point.variant_share[0].tolist()
    columns = list(range(len(shares)))
    settings = CompareSettings()

    def intervals() -> GroupIntervals:
        return GroupIntervals(replicates, articles, settings, point, groups[0])

    many = intervals().estimates(shares, "variant_share", columns)
    one_by_one = intervals()
    assert many == [one_by_one.estimate(shares[c], "variant_share", (c,)) for c in columns]
    notes = {e.note for e in many}
    assert "no data" in notes and (articles == 1 or any(e.low is not None for e in many))
