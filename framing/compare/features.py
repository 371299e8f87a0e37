"""The lexicon features groups are compared on: which aggregate figures become features,
their values per group, and their blocks (see :mod:`framing.compare.blocks`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from framing.compare.articles import Aggregates, ArticleTable, target_membership
from framing.compare.blocks import BLOCKS, FeatureBlock
from framing.compare.stance import target_label
from framing.scoring.readability import READABILITY_FORMULAS

Matrix = NDArray[np.float64]

READABILITY_NAMES = {
    "flesch_reading_ease": "Flesch reading ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning fog",
    "smog_index": "SMOG",
    "coleman_liau_index": "Coleman-Liau",
    "dale_chall_score": "Dale-Chall",
}


@dataclass(frozen=True)
class FeatureSpec:
    """Which aggregate columns become features, with names and blocks (fixed per comparison)."""

    names: tuple[str, ...]
    blocks: tuple[str, ...]
    sources: tuple[tuple[str, int], ...]  # (Aggregates field, column or -1 for a vector)

    @cached_property
    def runs(self) -> tuple[tuple[str, NDArray[np.intp] | None], ...]:
        """``sources`` as runs of consecutive features from one field: ``(field, columns)``,
        columns ``None`` for a field that is one vector. Taking a run at once, rather than
        a column at a time, keeps the resamples of the stability check cheap."""
        runs: list[tuple[str, list[int] | None]] = []
        for field, column in self.sources:
            if column < 0:
                runs.append((field, None))
            elif runs and runs[-1][0] == field and runs[-1][1] is not None:
                runs[-1][1].append(column)
            else:
                runs.append((field, [column]))
        return tuple(
            (field, None if columns is None else np.array(columns, dtype=np.intp))
            for field, columns in runs
        )

    @cached_property
    def block_columns(self) -> dict[str, NDArray[np.intp]]:
        """The feature indices of each block that has any, in the order of
        :data:`~framing.compare.blocks.BLOCKS`."""
        owners, present = np.array(self.blocks), set(self.blocks)
        return {name: np.flatnonzero(owners == name) for name in BLOCKS if name in present}

    @cached_property
    def block_features(self) -> dict[str, tuple[str, ...]]:
        """The feature names of each block in :attr:`block_columns`."""
        return {
            name: tuple(self.names[i] for i in columns)
            for name, columns in self.block_columns.items()
        }


def feature_spec(table: ArticleTable, point: Aggregates) -> FeatureSpec:
    """Features that can tell groups apart: variants of concepts that two or more groups
    mention, actors that two or more groups mention, and every sentiment, readability and
    connotation figure."""
    names: list[str] = []
    blocks: list[str] = []
    sources: list[tuple[str, int]] = []

    def add(name: str, block: str, field: str, column: int) -> None:
        names.append(name)
        blocks.append(block)
        sources.append((field, column))

    mentioned_by = (point.concept_counts > 0).sum(axis=0)
    for column, (concept, variant, _connotation) in enumerate(table.variants):
        if (
            mentioned_by[table.variant_concept[column]] >= 2
            and point.variant_counts[:, column].any()
        ):
            label = table.labels.get(concept, concept)
            add(f"share of '{variant}' in: {label}", "terminology", "variant_share", column)
    add("sentiment (mean compound)", "tone", "sentiment_mean", -1)
    add("share of negative sentences", "tone", "negative_share", -1)
    for column, formula in enumerate(READABILITY_FORMULAS):
        add(READABILITY_NAMES[formula], "readability", "readability", column)
    aimed_at = (point.connotation_counts @ target_membership(table) > 0).sum(axis=0)
    for column, (target, label) in enumerate(table.connotations):
        # per target, for targets two or more groups aim words at (never pooled over targets)
        if aimed_at[table.connotation_target[column]] >= 2:
            toward = target_label(target, table.labels)
            add(f"share of {label} words ({toward})", "connotation", "connotation_share", column)
    for column, frame in enumerate(table.frames):
        if point.frame_counts[:, column].any():
            label = table.labels.get(frame, frame)
            add(f"share of {label} frame cues", "frames", "frame_share", column)
    actor_mentions = (point.actor_sentences > 0).sum(axis=0)
    for column, actor in enumerate(table.actors):
        if actor_mentions[column] >= 2:
            add(f"tone toward {table.labels.get(actor, actor)}", "actors", "actor_mean", column)
    return FeatureSpec(tuple(names), tuple(blocks), tuple(sources))


def raw_features(spec: FeatureSpec, aggregates: Aggregates) -> Matrix:
    """Groups x features in natural units; a group without data gets the mean of the others."""
    columns = []
    for field, indices in spec.runs:
        values = getattr(aggregates, field)
        columns.append(values[:, None] if indices is None else values[:, indices])
    # Row-major, as the column means below must add the groups in the same order every time.
    matrix = (
        np.ascontiguousarray(np.concatenate(columns, axis=1))
        if columns
        else np.zeros((len(aggregates.words), 0))
    )
    present = ~np.isnan(matrix)
    totals = np.where(present, matrix, 0.0).sum(axis=0)
    counts = present.sum(axis=0)
    means = np.divide(totals, counts, out=np.zeros_like(totals), where=counts > 0)
    return np.where(present, matrix, means)


def lexicon_blocks(spec: FeatureSpec, raw: Matrix) -> list[FeatureBlock]:
    """The features of ``spec`` (values ``raw``, groups x features) as blocks, in the order of
    :data:`~framing.compare.blocks.BLOCKS`."""
    return [
        FeatureBlock(name, spec.block_features[name], raw[:, columns])
        for name, columns in spec.block_columns.items()
    ]
