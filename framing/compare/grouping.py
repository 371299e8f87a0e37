"""Is there any grouping at all? A permutation test of cluster structure.

The mean silhouette (Rousseeuw 1987) compares clusterings with two or more clusters but cannot
judge one cluster, so it always finds "the best" k >= 2 even in noise. The test here asks
whether the best mean silhouette of Ward clusterings (k = 2 ... 10) is higher than it is when
each feature's values are shuffled across the groups independently: shuffling keeps every
feature's own distribution and destroys any joint pattern, which is what groups of outlets are
(a reference distribution of this kind is standard for cluster validity; Gordon 1999,
"Classification", ch. 7). The p-value counts the permutations that reach the observed value,
(1 + count) / (1 + permutations). We prefer it to the gap statistic (Tibshirani, Walther &
Hastie 2001), whose uniform reference box depends on how features are scaled and correlated,
and to stability alone, which needs article resamples the vocabulary block does not keep.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from framing.compare.blocks import FeatureBlock, combine, permute_columns
from framing.compare.model import GroupingTest

Matrix = NDArray[np.float64]
MAX_CLUSTERS = 10
TEST_LEVEL = 0.05


def mean_silhouette(distances: Matrix, labels: NDArray[np.int_]) -> float:
    """Mean silhouette width (-1 to 1) of ``labels`` for a matrix of pairwise distances; a
    group alone in its cluster scores 0, as in scikit-learn."""
    clusters = np.unique(labels)
    inside = labels[:, None] == clusters[None, :]  # groups x clusters membership
    sizes = inside.sum(axis=0)
    totals = distances @ inside  # sum of distances from each group to each cluster
    own = inside.argmax(axis=1)
    own_size = sizes[own]
    a = np.where(own_size > 1, totals[np.arange(len(labels)), own] / np.maximum(own_size - 1, 1),
                 0.0)  # fmt: skip
    means = totals / sizes
    means[np.arange(len(labels)), own] = np.inf
    b = means.min(axis=1)
    widths = np.where(own_size > 1, (b - a) / np.maximum(np.maximum(a, b), 1e-300), 0.0)
    return float(widths.mean())


def best_silhouette(weighted: Matrix) -> float:
    """The highest mean silhouette of Ward clusterings of the rows of ``weighted`` into 2 to
    ``min(rows - 1, 10)`` clusters."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist, squareform

    rows = len(weighted)
    condensed = pdist(weighted)
    if not condensed.any():
        return 0.0
    tree = linkage(weighted, method="ward")
    distances = squareform(condensed)
    best = -1.0
    for k in range(2, min(rows - 1, MAX_CLUSTERS) + 1):
        labels = fcluster(tree, k, criterion="maxclust")
        if len(np.unique(labels)) > 1:
            best = max(best, mean_silhouette(distances, labels))
    return best


def grouping_test(
    blocks: Sequence[FeatureBlock],
    weights: Mapping[str, float],
    components: Mapping[str, int],
    permutations: int,
    seed: int,
) -> GroupingTest:
    """The permutation test of :mod:`framing.compare.grouping` on the weighted ``blocks``."""
    observed_matrix = combine(blocks, weights, components).weighted
    rows = len(observed_matrix)
    if rows < 3 or observed_matrix.shape[1] == 0:
        return GroupingTest(None, None, 0, False, "not tested: too few groups or features")
    observed = best_silhouette(observed_matrix)
    if permutations < 1:
        return GroupingTest(observed, None, 0, True, "not tested: no permutations asked for")
    rng = np.random.default_rng([seed, 1987])
    reached = 0
    for _ in range(permutations):
        shuffled = [replace(b, values=permute_columns(b.values, rng)) for b in blocks]
        value = best_silhouette(combine(shuffled, weights, components).weighted)
        reached += value >= observed - 1e-12
    p_value = (1 + reached) / (1 + permutations)
    return GroupingTest(observed, p_value, permutations, p_value <= TEST_LEVEL)
