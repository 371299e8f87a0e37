"""Group profiles with bootstrap intervals: variant shares, sentiment, readability, actors."""

from __future__ import annotations

from dataclasses import dataclass, replace
from math import isnan
from typing import Any

import numpy as np
from numpy.typing import NDArray

from framing.compare.accumulate import GroupSums, ResampleTables
from framing.compare.articles import Aggregates, ArticleTable, aggregate, target_membership
from framing.compare.known_bounds import KnownBounds, Prints, figure_prints
from framing.compare.model import (
    ActorPortrayal,
    ConceptRate,
    ConnotationShare,
    Estimate,
    FrameShare,
    GroupProfile,
    TargetStance,
    VariantShare,
)
from framing.compare.percentiles import nan_percentiles
from framing.compare.stance import DELEGITIMIZING, LEGITIMIZING
from framing.scoring.readability import READABILITY_FORMULAS
from framing.settings import CompareSettings

Matrix = NDArray[np.float64]
SCALAR = -1  # the width of a field that is one number per group, not a row of columns


@dataclass(frozen=True)
class Profiles:
    """Everything per group that the report's tables show."""

    profiles: tuple[GroupProfile, ...]
    variant_shares: tuple[VariantShare, ...]
    concept_rates: tuple[ConceptRate, ...]
    actors: tuple[ActorPortrayal, ...]
    connotations: tuple[ConnotationShare, ...]
    frames: tuple[FrameShare, ...]
    stances: tuple[TargetStance, ...] = ()


class _Intervals:
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
                found, low, high = found_bounds[field]
            if len(where):
                assert sums is not None
                figures_missing = shown[where]
                if field == "variant_share":
                    samples = _shares(sums.variant_counts[:, figures_missing],
                                      sums.concept_counts[:, table.variant_concept[
                                          figures_missing]])  # fmt: skip
                elif field == "actor_mean":
                    samples = _shares(sums.actor_sum[:, figures_missing],
                                      sums.actor_sentences[:, figures_missing])  # fmt: skip
                else:
                    if aggregates is None:
                        aggregates = aggregate(_narrow(sums))
                    values = np.asarray(getattr(aggregates, field), dtype=np.float64)
                    samples = values[:, None] if width == SCALAR else values[:, figures_missing]
                # An all-missing figure gives NaN: "no interval".
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


def _narrow(table: ArticleTable) -> ArticleTable:
    """``table`` without its wide fields (variants, concepts, actors), which the profiles
    take on their own: :func:`aggregate` then makes only the other figures."""
    none = np.zeros((len(table.words), 0))
    return replace(
        table, variants=(), concepts=(), actors=(), variant_concept=np.zeros(0, np.int64),
        variant_counts=none, concept_counts=none, actor_sum=none, actor_sentences=none,
    )  # fmt: skip


def _shares(numerator: Matrix, denominator: Matrix) -> Matrix:
    """``numerator / denominator`` where the denominator is positive, else NaN: the numbers
    of :func:`~framing.compare.articles.aggregate`'s ratios (the same IEEE divisions),
    without a masked division, which is several times slower on a thousand resamples."""
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = numerator / denominator
    shares[~(denominator > 0)] = np.nan
    return shares


def build_profiles(
    point_table: ArticleTable,
    replicates: ResampleTables,
    sums: dict[str, GroupSums],
    groups: tuple[str, ...],
    settings: CompareSettings,
    known: KnownBounds | None = None,
) -> Profiles:
    """Per-group figures from the groups' summed rows (``point_table``, one row per group in
    ``groups`` order) and their resample sums (each group's made once, and not kept); the
    intervals ``known`` holds are reused, and those computed are added to it."""
    profiles: list[GroupProfile] = []
    shares: list[VariantShare] = []
    rates: list[ConceptRate] = []
    actors: list[ActorPortrayal] = []
    connotations: list[ConnotationShare] = []
    frames: list[FrameShare] = []
    stances: list[TargetStance] = []
    points = aggregate(point_table)
    variant_concept = point_table.variant_concept.tolist()
    for row, group in enumerate(groups):
        point = _row(points, row)
        count = sums[group].articles
        intervals = _Intervals(replicates, count, settings, point, group, known)
        profiles.append(
            GroupProfile(
                group=group,
                articles=count,
                words=int(point.words[0]),
                first_date=sums[group].first_date,
                last_date=sums[group].last_date,
                sentiment_mean=intervals.estimate(point.sentiment_mean[0], "sentiment_mean"),
                negative_share=intervals.estimate(point.negative_share[0], "negative_share"),
                positive_share=intervals.estimate(point.positive_share[0], "positive_share"),
                readability=tuple(
                    (name, intervals.estimate(point.readability[0, i], "readability", (i,)))
                    for i, name in enumerate(READABILITY_FORMULAS)
                ),
                warnings=_group_warnings(group, count, settings),
            )
        )
        # The group's row as Python numbers, read once: a lexicon has thousands of variants.
        concept_counts = point.concept_counts[0].tolist()
        variant_counts = point.variant_counts[0].tolist()
        variant_shares = point.variant_share[0].tolist()
        for column, (concept, variant, connotation) in enumerate(point_table.variants):
            concept_mentions = int(concept_counts[variant_concept[column]])
            if concept_mentions == 0:
                continue
            shares.append(
                VariantShare(
                    group=group,
                    concept=concept,
                    variant=variant,
                    connotation=connotation,
                    mentions=int(variant_counts[column]),
                    concept_mentions=concept_mentions,
                    share=intervals.estimate(variant_shares[column], "variant_share", (column,)),
                )
            )
        for column, concept in enumerate(point_table.concepts):
            per_1000 = point.concept_per_1000[0, column]
            rates.append(
                ConceptRate(
                    group=group,
                    concept=concept,
                    mentions=int(point.concept_counts[0, column]),
                    per_1000_words=None if np.isnan(per_1000) else float(per_1000),
                )
            )
        for column, actor in enumerate(point_table.actors):
            sentences = int(point.actor_sentences[0, column])
            if sentences:
                actors.append(
                    ActorPortrayal(
                        group=group,
                        actor=actor,
                        sentences=sentences,
                        compound=intervals.estimate(
                            point.actor_mean[0, column], "actor_mean", (column,)
                        ),
                    )
                )
        connotations += _connotation_shares(group, point_table, point, intervals)
        stances += _stances(group, point_table, point, intervals)
        if replicates.keep and group not in replicates.heads:
            replicates.get(group)  # the clusters' stability takes the group's first resamples
        for column, frame in enumerate(point_table.frames):
            frames.append(
                FrameShare(
                    group=group,
                    frame=frame,
                    cues=int(point.frame_counts[0, column]),
                    share=intervals.estimate(
                        point.frame_share[0, column], "frame_share", (column,)
                    ),
                )
            )
    return Profiles(
        tuple(profiles),
        tuple(shares),
        tuple(rates),
        tuple(actors),
        tuple(connotations),
        tuple(frames),
        tuple(stances),
    )


def _connotation_shares(
    group: str, table: ArticleTable, point: Aggregates, intervals: _Intervals
) -> list[ConnotationShare]:
    """Each label's share among the group's mentions aimed at the same target, for the
    targets the group aims any mention at."""
    totals = point.connotation_counts[0] @ target_membership(table)
    shares = []
    for column, (target, label) in enumerate(table.connotations):
        if not totals[table.connotation_target[column]]:
            continue
        shares.append(
            ConnotationShare(
                group=group,
                target=target,
                connotation=label,
                mentions=int(point.connotation_counts[0, column]),
                share=intervals.estimate(
                    point.connotation_share[0, column], "connotation_share", (column,)
                ),
            )
        )
    return shares


def _stances(
    group: str, table: ArticleTable, point: Aggregates, intervals: _Intervals
) -> list[TargetStance]:
    """The group's connotation balance toward each target it aims any mention at."""
    counts = point.connotation_counts[0]
    totals = counts @ target_membership(table)
    stances = []
    for index, target in enumerate(table.targets):
        if not totals[index]:
            continue
        pair = table.balance_columns[index]
        legit = _count(table, counts, target, LEGITIMIZING)
        deleg = _count(table, counts, target, DELEGITIMIZING)
        if pair is None:
            balance = Estimate(
                None, None, None, intervals.articles,
                "the lexicon has no legitimizing or no delegitimizing word for this target",
            )  # fmt: skip
        elif legit + deleg == 0:
            balance = Estimate(
                None, None, None, intervals.articles,
                "only words that neither legitimize nor delegitimize",
            )  # fmt: skip
        else:
            balance = intervals.estimate(
                point.connotation_balance[0, index], "connotation_balance", (index,)
            )
        stances.append(
            TargetStance(
                group=group,
                target=target,
                mentions=int(totals[index]),
                legitimizing=legit,
                delegitimizing=deleg,
                balance=balance,
            )
        )
    return stances


def _count(table: ArticleTable, counts: Matrix, target: str, label: str) -> int:
    """The mentions of ``label`` aimed at ``target`` (0 when no variant of it has the label)."""
    key = (target, label)
    return int(counts[table.connotations.index(key)]) if key in table.connotations else 0


def _row(aggregates: Aggregates, row: int) -> Aggregates:
    """One group's figures, as a one-row :class:`Aggregates`."""
    fields = Aggregates.__dataclass_fields__
    return Aggregates(**{name: getattr(aggregates, name)[row : row + 1] for name in fields})


def _group_warnings(group: str, articles: int, settings: CompareSettings) -> tuple[str, ...]:
    if articles >= settings.min_articles:
        return ()
    noun = "article" if articles == 1 else "articles"
    return (
        f"{group} has only {articles} {noun} (fewer than {settings.min_articles}): its figures "
        "describe these articles, not the outlet in general.",
    )
