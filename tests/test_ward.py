"""Ward clusters cut from one tree, and the adjusted Rand index: the same as scikit-learn's."""

from __future__ import annotations

import numpy as np
import pytest

from framing.compare.ward import adjusted_rand_index, canonical, cut, ward_merges


def test_cutting_one_tree_gives_scikit_learns_ward_clusters_for_every_k() -> None:
    from sklearn.cluster import AgglomerativeClustering

    rng = np.random.default_rng(3)
    centres = rng.normal(0, 4, (4, 5))
    points = np.concatenate([centre + rng.normal(0, 1, (6, 5)) for centre in centres])
    points = points[rng.permutation(len(points))]
    merges = ward_merges(points)
    for k in range(1, len(points) + 1):
        if 1 < k < len(points):
            model = AgglomerativeClustering(n_clusters=k, linkage="ward")
            expected = canonical(model.fit_predict(points).tolist())
        else:
            expected = canonical([0] * len(points) if k == 1 else list(range(len(points))))
        assert cut(merges, k) == expected
    assert len(set(cut(merges, 4))) == 4


@pytest.mark.parametrize("seed", range(6))
def test_the_adjusted_rand_index_is_scikit_learns(seed: int) -> None:
    from sklearn.metrics import adjusted_rand_score

    rng = np.random.default_rng(seed)
    size = int(rng.integers(3, 40))
    first = rng.integers(1, 5, size).tolist()
    second = rng.integers(1, int(rng.integers(2, 7)), size).tolist()
    assert adjusted_rand_index(first, second) == adjusted_rand_score(first, second)
    assert adjusted_rand_index(first, first) == 1.0
    relabelled = [10 - label for label in first]  # the same partition under other names
    assert adjusted_rand_index(first, relabelled) == 1.0
