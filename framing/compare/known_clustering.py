"""The clustering of an earlier run, reused when what it was computed from is unchanged.

The clustering (:func:`~framing.compare.clusters.cluster_groups`) reads the groups' summed
rows only through the features of :func:`~framing.compare.features.feature_spec` (variant
shares, tone, readability, connotation shares, frame shares, tone toward actors), and their
first resamples only through the same features; the rest is the vocabulary block, the groups,
their sizes and the settings. Each feature is a ratio of a few columns of the article rows
(:func:`~framing.compare.articles.aggregate`): a variant's share needs its variant's and its
concept's counts, a connotation share every connotation column of its target, a frame share
every frame column, and so on. So the clustering gets a *print*: a SHA-256 of the features'
names and blocks, the groups' point features, the vocabulary block, the groups and their
sizes, the settings, and the 128-bit print of each feature's columns in every group
(:func:`~framing.compare.known_bounds.column_prints`: the columns' values and places, the
blocks' sizes, the seed, the group and the number of resamples, which fix the resample sums).
A lexicon edit that changes no feature's columns (a variant no group uses, say) leaves the
print as it was, and a re-run takes the clustering, its Gaussian-cloud test and its
stability resamples from the re-run cache instead of computing them again.

Columns a feature does not read (another variant's counts, the word counts) are left out on
purpose: a new variant column that is zero everywhere is no feature and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from framing.compare.accumulate import ResampleTables
from framing.compare.articles import ArticleTable, aggregate
from framing.compare.blocks import FeatureBlock
from framing.compare.features import feature_spec, raw_features
from framing.compare.model import Clustering
from framing.settings import CompareSettings

# The columns (field of the article rows, column or -1 for a field of one number) each kind
# of feature is a ratio of; ``None`` (a field not listed) means no print, so no reuse.
_PLAIN = {
    "sentiment_mean": ("sentiment_mean", "has_sentiment"),
    "negative_share": ("negative_sentences", "scored_sentences"),
    "positive_share": ("positive_sentences", "scored_sentences"),
}
_PAIRED = {"readability": "has_readability", "actor_mean": "actor_sentences"}
_NUMERATOR = {"readability": "readability", "actor_mean": "actor_sum"}


@dataclass(frozen=True)
class KnownClustering:
    """A clustering and the print of what it was computed from (see the module docstring)."""

    print: str
    clustering: Clustering


def _feature_columns(field: str, column: int, table: ArticleTable) -> list[tuple[str, int]] | None:
    """The columns of the article rows that the feature ``field`` (an Aggregates field),
    ``column`` is computed from; ``None`` for a feature this module does not know."""
    if field in _PLAIN:
        return [(name, -1) for name in _PLAIN[field]]
    if field in _PAIRED:
        return [(_NUMERATOR[field], column), (_PAIRED[field], column)]
    if field == "variant_share":
        return [("variant_counts", column),
                ("concept_counts", int(table.variant_concept[column]))]  # fmt: skip
    if field == "connotation_share":  # a share of every mention aimed at the same target
        target = table.connotation_target[column]
        same = np.flatnonzero(table.connotation_target == target)
        return [("connotation_counts", int(c)) for c in same]
    if field == "frame_share":  # a share of every frame cue
        return [("frame_counts", c) for c in range(len(table.frames))]
    return None


def clustering_print(
    point: ArticleTable,
    replicates: ResampleTables,
    sizes: Sequence[int],
    groups: tuple[str, ...],
    settings: CompareSettings,
    extra: Sequence[FeatureBlock],
    tail: float,
) -> str | None:
    """The print of the clustering of ``groups`` (the arguments of
    :func:`~framing.compare.clusters.cluster_groups`; ``tail`` is the percentile the column
    prints are made with, the profiles' own, so that they are made once), as 64 hex digits;
    ``None`` when it cannot be made (a group's rows were not kept, or a feature of an unknown
    kind)."""
    offsets = replicates.accumulator.layout.offsets
    figures = aggregate(point)
    spec = feature_spec(point, figures)
    places: list[int] = []
    for field, column in spec.sources:
        columns = _feature_columns(field, column, point)
        if columns is None:
            return None
        places.append(-1)  # between features
        for name, index in columns:
            first, _width, vector = offsets[name]
            places.append(first + index if vector else first)
    digest = hashlib.sha256()
    head = [list(spec.names), list(spec.blocks), list(groups), [int(s) for s in sizes],
            repr(settings), places.count(-1)]  # fmt: skip
    digest.update(json.dumps(head, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    raw = raw_features(spec, figures)
    digest.update(np.ascontiguousarray(raw, dtype="<f8").tobytes())
    for block in extra:
        labels = [block.name, list(block.features), block.reduced, block.note, block.whole,
                  list(block.values.shape)]  # fmt: skip
        digest.update(json.dumps(labels, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        digest.update(np.ascontiguousarray(block.values, dtype="<f8").tobytes())
    where: NDArray[np.intp] = np.array(places, dtype=np.intp)
    between = where < 0
    for group in groups:
        prints = replicates.prints(group, tail)
        if prints is None:
            return None
        taken = prints[np.where(between, 0, where)]
        taken[between] = 0  # marks where one feature's columns end
        digest.update(np.ascontiguousarray(taken, dtype="<u8").tobytes())
    return digest.hexdigest()
