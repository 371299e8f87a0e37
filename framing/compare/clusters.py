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
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from framing.compare.articles import Aggregates, ArticleTable, aggregate, target_membership
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
from framing.compare.grouping import grouping_test, signal_blocks
from framing.compare.model import (
    BlockContribution,
    ClusterFingerprint,
    Clustering,
    Estimate,
    GroupingTest,
)
from framing.compare.stance import target_label
from framing.scoring.readability import READABILITY_FORMULAS
from framing.settings import CompareSettings

Matrix = NDArray[np.float64]
MAX_CLUSTERS = 10
# Below this mean silhouette no substantial cluster structure has been found (Kaufman &
# Rousseeuw 1990, "Finding Groups in Data", ch. 2, rule of thumb).
WEAK_SILHOUETTE = 0.25
FINGERPRINT_FEATURES = 4

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
    for field, column in spec.sources:
        values = getattr(aggregates, field)
        columns.append(values if column < 0 else values[:, column])
    matrix = np.column_stack(columns) if columns else np.zeros((len(aggregates.words), 0))
    present = ~np.isnan(matrix)
    totals = np.where(present, matrix, 0.0).sum(axis=0)
    counts = present.sum(axis=0)
    means = np.divide(totals, counts, out=np.zeros_like(totals), where=counts > 0)
    return np.where(present, matrix, means)


def lexicon_blocks(spec: FeatureSpec, raw: Matrix) -> list[FeatureBlock]:
    """The features of ``spec`` (values ``raw``, groups x features) as blocks, in the order of
    :data:`~framing.compare.blocks.BLOCKS`."""
    blocks = []
    for name in BLOCKS:
        columns = [i for i, block in enumerate(spec.blocks) if block == name]
        if columns:
            features = tuple(spec.names[i] for i in columns)
            blocks.append(FeatureBlock(name, features, raw[:, columns]))
    return blocks


def _canonical(labels: Sequence[int]) -> tuple[int, ...]:
    # Number clusters 1, 2, ... in the order their first group appears.
    mapping: dict[int, int] = {}
    for label in labels:
        mapping.setdefault(int(label), len(mapping) + 1)
    return tuple(mapping[int(label)] for label in labels)


def _ward(weighted: Matrix, k: int) -> tuple[int, ...]:
    from sklearn.cluster import AgglomerativeClustering

    if k == 1:
        return tuple(1 for _ in range(len(weighted)))
    if k >= len(weighted):
        return tuple(range(1, len(weighted) + 1))
    model = AgglomerativeClustering(n_clusters=k, linkage="ward")
    return _canonical(model.fit_predict(weighted).tolist())


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
    from sklearn.metrics import silhouette_score

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
    if settings.clusters is not None:
        k, chosen_by = min(settings.clusters, count), "given"
    else:
        for candidate in range(2, min(count - 1, MAX_CLUSTERS) + 1):
            labels = _ward(weighted, candidate)
            tried.append((candidate, float(silhouette_score(weighted, labels))))
        k = max(tried, key=lambda item: (round(item[1], 12), -item[0]))[0]
        chosen_by = "silhouette"
    labels = _ward(weighted, k)
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
        linkage=_linkage(weighted),
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


def _linkage(weighted: Matrix) -> tuple[tuple[float, float, float, float], ...]:
    from scipy.cluster.hierarchy import linkage

    merges = linkage(weighted, method="ward")
    return tuple(
        (float(a), float(b), float(round(distance, 12)), float(size))
        for a, b, distance, size in merges
    )


def _similarity(weighted: Matrix, count: int) -> tuple[tuple[float, ...], ...]:
    from sklearn.metrics.pairwise import cosine_similarity

    if weighted.shape[1] == 0:
        return tuple(tuple(1.0 if i == j else 0.0 for j in range(count)) for i in range(count))
    matrix = cosine_similarity(weighted)
    return tuple(tuple(float(round(v, 12)) for v in row) for row in matrix)


def _map(weighted: Matrix, count: int) -> tuple[tuple[float, float], ...]:
    from sklearn.decomposition import PCA

    components = min(2, count, weighted.shape[1])
    if components == 0 or count < 2:
        return tuple((0.0, 0.0) for _ in range(count))
    coordinates = PCA(n_components=components, svd_solver="full").fit_transform(weighted)
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
    from sklearn.metrics import adjusted_rand_score

    smallest = min(articles)
    if smallest < 2:
        return Estimate(None, None, None, smallest,
                        "cannot be assessed: a group has fewer than 2 articles")  # fmt: skip
    # Resample r of every group: the groups' r-th resample sums side by side.
    stacked = {
        name: np.stack([getattr(replicates[g], name) for g in groups], axis=1)
        for name in ArticleTable.additive_fields()
    }
    scores = []
    for r in range(min(settings.stability_replicates, settings.bootstrap_replicates)):
        resample = replace(table, **{name: values[r] for name, values in stacked.items()})
        replicate = aggregate(resample)
        resampled = [*lexicon_blocks(spec, raw_features(spec, replicate)), *held]
        weighted = combine(resampled, block_weights(settings.features), {}).weighted
        if weighted.shape[1] == 0:
            continue
        scores.append(adjusted_rand_score(labels, _ward(weighted, k)))
    if not scores:
        return Estimate(None, None, None, smallest, "no resample had varying features")
    tail = 100 * (1 - settings.confidence) / 2
    low, high = np.percentile(scores, [tail, 100 - tail])
    return Estimate(float(np.mean(scores)), float(low), float(high), smallest)
