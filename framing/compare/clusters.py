"""Similarity, hierarchical clusters and a 2-D map of groups from weighted feature blocks.

Each group becomes a vector of features in blocks (:mod:`framing.compare.blocks`): terminology
(variant shares), connotation, frames, tone, actor portrayal, readability and the whole
vocabulary. Every block is scaled to total variance 1 and multiplied by its weight (1 unless
``--features`` says otherwise), so no block drowns the others by its size. Whether there is any
grouping at all is decided first by a test against a single Gaussian cloud
(:mod:`framing.compare.grouping`); when
there is, groups are clustered with Ward's method and the number of clusters is chosen by the
mean silhouette (Rousseeuw 1987) unless given. Each block's contribution is its share of the
between-cluster sum of squares. Stability is the mean adjusted Rand index (Hubert & Arabie 1985)
between the clustering and clusterings of bootstrap resamples of each group's articles (the
vocabulary block, which keeps no resamples, is held at its full-corpus value).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from framing.compare.accumulate import ResampleTables
from framing.compare.articles import Aggregates, ArticleTable, aggregate
from framing.compare.blocks import (
    BLOCKS,
    BlockMatrix,
    FeatureBlock,
    block_weights,
    combine,
    parallel_components,
    reduce_block,
    separation_shares,
)
from framing.compare.cluster_measures import (
    cosine_similarities,
    mean_silhouette,
    principal_coordinates,
)
from framing.compare.features import READABILITY_NAMES as READABILITY_NAMES
from framing.compare.features import FeatureSpec, feature_spec, lexicon_blocks, raw_features
from framing.compare.grouping import grouping_test, signal_blocks
from framing.compare.model import (
    BlockContribution,
    ClusterFingerprint,
    Clustering,
    Estimate,
    GroupingTest,
)
from framing.compare.ward import adjusted_rand_index, cut, ward_merges
from framing.settings import CompareSettings

Matrix = NDArray[np.float64]
MAX_CLUSTERS = 10
# Below this mean silhouette no substantial cluster structure has been found (Kaufman &
# Rousseeuw 1990, "Finding Groups in Data", ch. 2, rule of thumb).
WEAK_SILHOUETTE = 0.25
FINGERPRINT_FEATURES = 4


# Resamples whose figures are computed together for the stability of the clusters.
RESAMPLES_AT_ONCE = 25


def cluster_resampled_groups(
    table: ArticleTable,
    resamples: ResampleTables,
    articles: Sequence[int],
    groups: tuple[str, ...],
    settings: CompareSettings,
    extra: Sequence[FeatureBlock] = (),
) -> Clustering:
    """:func:`cluster_groups`, with each group's first resamples taken from ``resamples``:
    every group is looked up there, which keeps them. In a process of its own this runs
    beside the profiles, which look every group up too (and keep the same resamples)."""
    for group in groups:
        resamples.get(group)  # looked up for the resamples it keeps
    return cluster_groups(table, resamples.heads, articles, groups, settings, extra)


def cluster_groups(
    table: ArticleTable,
    replicates: dict[str, ArticleTable],
    articles: Sequence[int],
    groups: tuple[str, ...],
    settings: CompareSettings,
    extra: Sequence[FeatureBlock] = (),
) -> Clustering:
    """Similarity matrix, clusters, map, fingerprints, block contributions and stability for
    ``groups``, from their summed rows (``table``, one row per group), their resample sums,
    article counts and ``extra`` blocks computed elsewhere (the vocabulary)."""
    point = aggregate(table)
    spec = feature_spec(table, point)
    weights = block_weights(settings.features)
    blocks = [*lexicon_blocks(spec, raw_features(spec, point)), *extra]
    components = {
        b.name: parallel_components(b.values, settings.seed)
        for b in blocks
        if b.reduced and b.values.shape[1] and weights.get(b.name, 1.0) > 0
    }
    matrix = combine(blocks, weights, components)
    weighted, names = matrix.weighted, matrix.names
    # Blocks from elsewhere keep no article resamples: stability holds them at their value.
    held = [reduce_block(b, components.get(b.name, 0)) if b.reduced else b for b in extra]
    count = len(groups)

    def without_clusters(
        clusters: int, reason: str, stability: Estimate, test: GroupingTest | None = None
    ) -> Clustering:
        """The result when no clusters are formed: the similarity, map and block
        contributions still hold."""
        return Clustering(
            groups=groups,
            labels=(),
            clusters=clusters,
            chosen_by=reason,
            silhouette=(),
            similarity=_similarity(weighted, count),
            map_coordinates=_map(weighted, count),
            features=names,
            fingerprints=(),
            stability=stability,
            blocks=_contributions(blocks, matrix, weights, components, None),
            grouping_test=test,
        )

    if count < 3 or weighted.shape[1] == 0:
        reason = (
            "not clustered: at least 3 groups are needed"
            if count < 3
            else "not clustered: no feature differs between groups"
        )
        return without_clusters(0, reason, Estimate(None, None, None, 0, reason))
    signal = signal_blocks(blocks, weights, components, settings.seed)
    test = grouping_test(signal, settings.grouping_simulations, settings.seed)
    if settings.clusters is None and not test.clear:
        stability = Estimate(None, None, None, min(articles), "no groups to compare")
        return without_clusters(1, _no_groups(test), stability, test)
    tried: list[tuple[int, float]] = []
    merges = ward_merges(weighted)  # one tree, cut for every number of clusters tried
    if settings.clusters is not None:
        k, chosen_by = min(settings.clusters, count), "given"
    else:
        for candidate in range(2, min(count - 1, MAX_CLUSTERS) + 1):
            labels = cut(merges, candidate)
            tried.append((candidate, mean_silhouette(weighted, labels)))
        k = max(tried, key=lambda item: (round(item[1], 12), -item[0]))[0]
        chosen_by = "silhouette"
    labels = cut(merges, k)
    note = _structure_note(tried, count)
    if not test.clear:
        note = " ".join(filter(None, [note, _no_groups(test).capitalize() + "."]))
    return Clustering(
        groups=groups,
        labels=labels,
        clusters=k,
        chosen_by=chosen_by,
        silhouette=tuple(tried),
        similarity=_similarity(weighted, count),
        map_coordinates=_map(weighted, count),
        features=names,
        fingerprints=_fingerprints(labels, matrix.z, matrix.natural, names),
        stability=_stability(table, replicates, articles, groups, spec, labels, k, settings, held),
        linkage=_linkage(merges),
        note=note,
        blocks=_contributions(blocks, matrix, weights, components, labels),
        grouping_test=test,
    )


def _no_groups(test: GroupingTest) -> str:
    if test.p_value is None or test.statistic is None:
        return f"no clear groups ({test.note})"
    return (
        f"no clear groups: the sharpest split into two groups (cluster index "
        f"{test.statistic:.2f}) is matched by {test.p_value:.0%} of {test.simulations} samples "
        f"from one Gaussian cloud of the same spread (SigClust test, p = {test.p_value:.2f})"
    )


def _contributions(
    blocks: Sequence[FeatureBlock],
    matrix: BlockMatrix,
    weights: dict[str, float],
    components: dict[str, int],
    labels: tuple[int, ...] | None,
) -> tuple[BlockContribution, ...]:
    shares = separation_shares(matrix, labels, weights) if labels else {}
    present = {b.name: b for b in blocks}
    result = []
    for name in BLOCKS:
        weight = weights[name]
        used = sum(1 for owner in matrix.blocks if owner == name)
        block = present.get(name)
        if weight == 0:
            note = "weight 0: left out"
        elif block is None or (block.values.shape[1] == 0 and block.note):
            note = block.note if block is not None else "no such features in this corpus"
        elif block.reduced and components.get(name, 0) == 0:
            note = "no dimension rises above noise (parallel analysis)"
        elif used == 0:
            note = "no feature differs between groups"
        else:
            note = ""
        share = shares.get(name) if labels and used else None
        result.append(BlockContribution(name, weight, used, share, note))
    return tuple(result)


def _structure_note(tried: list[tuple[int, float]], count: int) -> str:
    if not tried:
        return ""
    best = max(score for _k, score in tried)
    if best < WEAK_SILHOUETTE:
        return (
            f"The best mean silhouette is {best:.2f}, below {WEAK_SILHOUETTE}: the outlets do "
            "not fall into clear groups, so read the clusters as a weak tendency at most."
        )
    if count == 3:
        return "With three outlets only two clusters can be tried, so the choice is forced."
    return ""


def _linkage(merges: Matrix) -> tuple[tuple[float, float, float, float], ...]:
    return tuple(
        (float(a), float(b), float(round(distance, 12)), float(size))
        for a, b, distance, size in merges
    )


def _similarity(weighted: Matrix, count: int) -> tuple[tuple[float, ...], ...]:
    if weighted.shape[1] == 0:
        return tuple(tuple(1.0 if i == j else 0.0 for j in range(count)) for i in range(count))
    matrix = cosine_similarities(weighted)
    return tuple(tuple(float(round(v, 12)) for v in row) for row in matrix)


def _map(weighted: Matrix, count: int) -> tuple[tuple[float, float], ...]:
    components = min(2, count, weighted.shape[1])
    if components == 0 or count < 2:
        return tuple((0.0, 0.0) for _ in range(count))
    coordinates = principal_coordinates(weighted, components)
    # A principal component's sign is arbitrary; fix it so the output is stable.
    for column in range(components):
        if coordinates[np.argmax(np.abs(coordinates[:, column])), column] < 0:
            coordinates[:, column] *= -1
    if components == 1:
        coordinates = np.column_stack([coordinates[:, 0], np.zeros(count)])
    return tuple((float(round(x, 12)), float(round(y, 12))) for x, y in coordinates)


def _fingerprints(
    labels: tuple[int, ...], z: Matrix, raw: Matrix, names: tuple[str, ...]
) -> tuple[ClusterFingerprint, ...]:
    result = []
    members = np.array(labels)
    for cluster in sorted(set(labels)):
        inside = members == cluster
        difference = z[inside].mean(axis=0)
        order = sorted(range(len(names)), key=lambda i: (-abs(round(difference[i], 12)), names[i]))
        for i in order[:FINGERPRINT_FEATURES]:
            result.append(
                ClusterFingerprint(
                    cluster=cluster,
                    feature=names[i],
                    cluster_mean=float(raw[inside, i].mean()),
                    overall_mean=float(raw[:, i].mean()),
                    z_difference=float(difference[i]),
                )
            )
    return tuple(result)


def _stability(
    table: ArticleTable,
    replicates: dict[str, ArticleTable],
    articles: Sequence[int],
    groups: tuple[str, ...],
    spec: FeatureSpec,
    labels: tuple[int, ...],
    k: int,
    settings: CompareSettings,
    held: Sequence[FeatureBlock],
) -> Estimate:
    smallest = min(articles)
    if smallest < 2:
        return Estimate(None, None, None, smallest,
                        "cannot be assessed: a group has fewer than 2 articles")  # fmt: skip
    count = min(settings.stability_replicates, settings.bootstrap_replicates)
    rows = len(groups)
    weights = block_weights(settings.features)
    scores = []
    for first in range(0, count, RESAMPLES_AT_ONCE):
        last = min(first + RESAMPLES_AT_ONCE, count)
        # Resample r of every group side by side, several resamples in one table (row
        # r * groups + g), so every figure is computed for all of them at once; the figures
        # are sums and ratios of one row each, so they are the same as computed one resample
        # at a time. A few resamples at a time: all of them at once take hundreds of megabytes
        # for a few dozen groups.
        stacked = {
            name: np.stack([getattr(replicates[g], name)[first:last] for g in groups], axis=1)
            for name in ArticleTable.additive_fields()
        }
        side_by_side: dict[str, Any] = {
            name: values.reshape((last - first) * rows, *values.shape[2:])
            for name, values in stacked.items()
        }
        everything = aggregate(replace(table, **side_by_side))
        for r in range(last - first):
            replicate = Aggregates(**{
                field.name: getattr(everything, field.name)[r * rows : (r + 1) * rows]
                for field in fields(Aggregates)
            })  # fmt: skip
            resampled = [*lexicon_blocks(spec, raw_features(spec, replicate)), *held]
            weighted = combine(resampled, weights, {}).weighted
            if weighted.shape[1] == 0:
                continue
            scores.append(adjusted_rand_index(labels, cut(ward_merges(weighted), k)))
    if not scores:
        return Estimate(None, None, None, smallest, "no resample had varying features")
    tail = 100 * (1 - settings.confidence) / 2
    low, high = np.percentile(scores, [tail, 100 - tail])
    return Estimate(float(np.mean(scores)), float(low), float(high), smallest)
