"""Group profiles with bootstrap intervals: variant shares, sentiment, readability, actors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from framing.compare.accumulate import GroupSums, ResampleTables
from framing.compare.articles import Aggregates, ArticleTable, aggregate, target_membership
from framing.compare.group_intervals import GroupIntervals
from framing.compare.known_bounds import KnownBounds
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
from framing.compare.stance import DELEGITIMIZING, LEGITIMIZING
from framing.scoring.readability import READABILITY_FORMULAS
from framing.settings import CompareSettings

Matrix = NDArray[np.float64]


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
        intervals = GroupIntervals(replicates, count, settings, point, group, known)
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
        # Only the variants of concepts the group mentions (most of a large lexicon's are not).
        mentioned = point.concept_counts[0][point_table.variant_concept] != 0
        columns = np.flatnonzero(mentioned).tolist()
        estimates = intervals.estimates(
            [variant_shares[column] for column in columns], "variant_share", columns
        )
        for column, share in zip(columns, estimates, strict=True):
            concept, variant, connotation = point_table.variants[column]
            concept_mentions = int(concept_counts[variant_concept[column]])
            shares.append(
                VariantShare(
                    group=group,
                    concept=concept,
                    variant=variant,
                    connotation=connotation,
                    mentions=int(variant_counts[column]),
                    concept_mentions=concept_mentions,
                    share=share,
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
    group: str, table: ArticleTable, point: Aggregates, intervals: GroupIntervals
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
    group: str, table: ArticleTable, point: Aggregates, intervals: GroupIntervals
) -> list[TargetStance]:
    """The group's connotation balance toward each target it aims any mention at."""
    counts = point.connotation_counts[0]
    totals = counts @ target_membership(table)
    column_of: dict[tuple[str, str], int] = {}
    for column, key in enumerate(table.connotations):
        column_of.setdefault(key, column)
    stances = []
    for index, target in enumerate(table.targets):
        if not totals[index]:
            continue
        pair = table.balance_columns[index]
        legit = _count(column_of, counts, target, LEGITIMIZING)
        deleg = _count(column_of, counts, target, DELEGITIMIZING)
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


def _count(column_of: dict[tuple[str, str], int], counts: Matrix, target: str, label: str) -> int:
    """The mentions of ``label`` aimed at ``target`` (0 when no variant of it has the label);
    ``column_of`` gives each (target, label) its first column."""
    column = column_of.get((target, label))
    return 0 if column is None else int(counts[column])


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
