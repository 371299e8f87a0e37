"""Bootstrap intervals of one group's figures, from as few resampled columns as they need."""

from __future__ import annotations

from dataclasses import replace
from math import isnan
from typing import Any

import numpy as np
from numpy.typing import NDArray

from framing.compare.accumulate import ResampleTables
from framing.compare.articles import Aggregates, ArticleTable, aggregate
from framing.compare.known_bounds import KnownBounds, Prints, figure_prints
from framing.compare.model import Estimate
from framing.compare.percentiles import nan_percentiles
from framing.scoring.readability import READABILITY_FORMULAS
from framing.settings import CompareSettings

Matrix = NDArray[np.float64]
SCALAR = -1  # the width of a field that is one number per group, not a row of columns


class GroupIntervals:
    """Percentile bootstrap intervals for one group: every figure from one set of resamples.

    A figure's resampled values are computed only for the figures the group's profile shows
    (a variant's share only where its concept is mentioned, an actor's tone only where the
    actor is), from only the columns of the group's resample sums those figures are made of,
    and only for the figures whose bounds ``known`` (an earlier run's) does not hold: each
    column's sums and each figure's percentiles depend on that column and that figure alone
    (:mod:`framing.compare.known_bounds`), so the intervals are the same numbers."""

    def __init__(
        self,
        replicates: ResampleTables,
        articles: int,
        settings: CompareSettings,
        point: Aggregates,
        group: str,
        known: KnownBounds | None = None,
    ) -> None:
        self.articles = articles
        self.tail = 100 * (1 - settings.confidence) / 2
        self.replicates: ResampleTables | None = replicates if articles >= 2 else None
        self.point = point
        self.group = group
        self.known = known
        # Both ends of every figure's interval, per field, as Python floats (lists for a field
        # of many columns): each figure then reads its two ends without a NumPy scalar.
        self._bounds: dict[str, tuple[Any, Any]] = {}

    def _figures(self) -> dict[str, tuple[NDArray[np.intp], list[NDArray[np.intp]], int]]:
        """Per field: the figures shown, the layout columns each shown figure is made of
        (one array per input, aligned with the figures) and the field's width (``SCALAR``
        for a field of one figure per group)."""
        assert self.replicates is not None
        layout = self.replicates.accumulator.layout
        table = self.replicates.point_table
        point = self.point

        def columns(name: str) -> NDArray[np.intp]:
            first, width, _vector = layout.offsets[name]
            return np.arange(first, first + width, dtype=np.intp)

        one = np.zeros(1, dtype=np.intp)
        formulas = np.arange(len(READABILITY_FORMULAS), dtype=np.intp)
        mentioned = point.concept_counts[0].astype(np.int64) != 0
        variants = np.flatnonzero(mentioned[table.variant_concept])
        actors = np.flatnonzero(point.actor_sentences[0].astype(np.int64) != 0)
        connotations = np.arange(len(table.connotations), dtype=np.intp)
        paired = [i for i, pair in enumerate(table.balance_columns) if pair]
        first_of = columns("connotation_counts")
        frames = np.arange(len(table.frames), dtype=np.intp)
        return {
            "sentiment_mean": (one, [columns("sentiment_mean"), columns("has_sentiment")], SCALAR),
            "negative_share": (one, [columns("negative_sentences"),
                                     columns("scored_sentences")], SCALAR),
            "positive_share": (one, [columns("positive_sentences"),
                                     columns("scored_sentences")], SCALAR),
            "readability": (formulas, [columns("readability"), columns("has_readability")],
                            len(formulas)),
            "variant_share": (variants, [
                columns("variant_counts")[variants],
                columns("concept_counts")[table.variant_concept[variants]],
            ], len(table.variants)),
            "actor_mean": (actors, [columns("actor_sum")[actors],
                                    columns("actor_sentences")[actors]], len(table.actors)),
            # a share among the mentions aimed at the label's target, or among all frame cues
            "connotation_share": (connotations, [first_of], len(connotations)),
            "connotation_balance": (np.array(paired, dtype=np.intp), [
                first_of[[table.balance_columns[i][0] for i in paired]],  # type: ignore[index]
                first_of[[table.balance_columns[i][1] for i in paired]],  # type: ignore[index]
            ], len(table.targets)),
            "frame_share": (frames, [columns("frame_counts")], len(frames)),
        }  # fmt: skip

    def _prepare(self) -> None:
        """Every field's bounds: reused where known, the rest from one set of sums."""
        replicates = self.replicates
        assert replicates is not None
        table = replicates.point_table
        figures = self._figures()
        prints = replicates.prints(self.group, self.tail) if self.known is not None else None
        missing: dict[str, NDArray[np.intp]] = {}
        found_bounds: dict[str, tuple[NDArray[np.bool_], Matrix, Matrix]] = {}
        figure_print: dict[str, Prints] = {}
        for field, (shown, inputs, _width) in figures.items():
            if prints is None or self.known is None:
                missing[field] = np.arange(len(shown))
                continue
            parts = [prints[columns] for columns in inputs]
            if field == "connotation_share":  # and the total of the label's target
                totals = np.zeros((len(table.targets), 2), dtype=np.uint64)
                with np.errstate(over="ignore"):
                    np.add.at(totals, table.connotation_target, parts[0])
                parts.append(totals[table.connotation_target])
            elif field == "frame_share":  # and the total of every frame
                with np.errstate(over="ignore"):
                    parts.append(np.broadcast_to(parts[0].sum(axis=0, dtype=np.uint64),
                                                 parts[0].shape))  # fmt: skip
            figure_print[field] = figure_prints(field, parts) if len(shown) else parts[0]
            found = self.known.lookup(figure_print[field])
            found_bounds[field] = found
            missing[field] = np.flatnonzero(~found[0])
        needed = [np.zeros(0, dtype=np.intp)]
        for field, where in missing.items():
            if len(where):
                inputs = figures[field][1]
                if field in ("connotation_share", "frame_share"):
                    needed += inputs  # every column of the totals
                else:
                    needed += [columns[where] for columns in inputs]
        wanted = np.unique(np.concatenate(needed))
        sums = replicates.columns(self.group, wanted) if len(wanted) else None
        aggregates = None
        for field, (shown, _inputs, width) in figures.items():
            where = missing[field]
            low = np.full(len(shown), np.nan)
            high = np.full(len(shown), np.nan)
            if field in found_bounds:
                _known, low, high = found_bounds[field]
            if len(where):
                assert sums is not None
                figures_missing = shown[where]
                samples: Matrix | None = None
                if field == "variant_share":
                    bounds = _variant_share_bounds(
                        sums, table.variant_concept, figures_missing,
                        self.point.variant_counts[0], [self.tail, 100 - self.tail],
                    )  # fmt: skip
                elif field == "actor_mean":
                    samples = _shares(sums.actor_sum[:, figures_missing],
                                      sums.actor_sentences[:, figures_missing])  # fmt: skip
                else:
                    if aggregates is None:
                        aggregates = aggregate(_narrow(sums))
                    values = np.asarray(getattr(aggregates, field), dtype=np.float64)
                    samples = values[:, None] if width == SCALAR else values[:, figures_missing]
                # An all-missing figure gives NaN: "no interval".
                if samples is not None:
                    bounds = nan_percentiles(samples, [self.tail, 100 - self.tail])
                low[where], high[where] = bounds[0], bounds[1]
                if field in figure_print and self.known is not None:
                    self.known.remember(figure_print[field][where], bounds[0], bounds[1])
            if width == SCALAR:
                self._bounds[field] = (float(low[0]), float(high[0]))
            else:  # the columns not shown have no interval
                full_low, full_high = np.full(width, np.nan), np.full(width, np.nan)
                full_low[shown], full_high[shown] = low, high
                self._bounds[field] = (full_low.tolist(), full_high.tolist())

    def estimate(self, point: float, field: str, index: tuple[int, ...] = ()) -> Estimate:
        """``point`` with the interval of the same figure over the resamples (resamples where
        the figure is undefined, such as a share of no mentions, are left out)."""
        value = float(point)
        if isnan(value):
            return Estimate(None, None, None, self.articles, "no data")
        if self.replicates is None:
            return Estimate(value, None, None, self.articles, "one article: no interval")
        if not self._bounds:
            self._prepare()
        low, high = self._bounds[field]
        for i in index:
            low, high = low[i], high[i]
        if isnan(low) or isnan(high):
            return Estimate(value, None, None, self.articles, "no interval")
        return Estimate(value, low, high, self.articles)

    def estimates(self, points: list[float], field: str, columns: list[int]) -> list[Estimate]:
        """:meth:`estimate` of each of ``points``, the figures of ``field`` in ``columns``
        (the same estimates, without a call per figure: a lexicon has thousands of
        variants)."""
        if self.replicates is None or not columns:
            return [self.estimate(p, field, (c,)) for p, c in zip(points, columns, strict=True)]
        articles, found = self.articles, []
        lows: list[float] = []
        highs: list[float] = []
        for value, column in zip(points, columns, strict=True):
            value = float(value)
            if isnan(value):
                found.append(Estimate(None, None, None, articles, "no data"))
                continue
            if not lows:  # as in estimate: the bounds are made for the first defined figure
                if not self._bounds:
                    self._prepare()
                lows, highs = self._bounds[field]
            low, high = lows[column], highs[column]
            if isnan(low) or isnan(high):
                found.append(Estimate(value, None, None, articles, "no interval"))
            else:
                found.append(Estimate(value, low, high, articles))
        return found


def _narrow(table: ArticleTable) -> ArticleTable:
    """``table`` without its wide fields (variants, concepts, actors), which the profiles
    take on their own: :func:`aggregate` then makes only the other figures."""
    none = np.zeros((len(table.words), 0))
    return replace(
        table, variants=(), concepts=(), actors=(), variant_concept=np.zeros(0, np.int64),
        variant_counts=none, concept_counts=none, actor_sum=none, actor_sentences=none,
    )  # fmt: skip


def _variant_share_bounds(
    sums: ArticleTable,
    variant_concept: NDArray[np.int64],
    variants: NDArray[np.intp],
    counts: Matrix,
    percentiles: list[float],
) -> Matrix:
    """The ``percentiles`` of the resampled shares of ``variants`` (each among its concept's
    mentions), (percentiles, variants), from the group's resample ``sums`` and its summed
    variant ``counts``.

    Most variants of the concepts a group mentions are never used by it: their count is 0 in
    every article, so in every resample, and their share is 0 wherever the concept has a
    mention, else undefined. Every percentile of such a share is 0, or NaN when no resample
    mentions the concept: the numbers the percentiles of the divided resamples give, without
    dividing and sorting a thousand resamples of each."""
    concepts = variant_concept[variants]
    bounds = np.empty((len(percentiles), len(variants)))
    unused = counts[variants] == 0  # counts are never negative: 0 in every article
    mentioned: NDArray[np.bool_] = np.asarray((sums.concept_counts > 0).any(axis=0))
    bounds[:, unused] = np.where(mentioned[concepts[unused]], 0.0, np.nan)
    used = ~unused
    bounds[:, used] = nan_percentiles(
        _shares(sums.variant_counts[:, variants[used]], sums.concept_counts[:, concepts[used]]),
        percentiles,
    )
    return bounds


def _shares(numerator: Matrix, denominator: Matrix) -> Matrix:
    """``numerator / denominator`` where the denominator is positive, else NaN: the numbers
    of :func:`~framing.compare.articles.aggregate`'s ratios (the same IEEE divisions),
    without a masked division, which is several times slower on a thousand resamples."""
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = numerator / denominator
    shares[~(denominator > 0)] = np.nan
    return shares
