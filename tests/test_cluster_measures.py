"""The clustering's silhouette, cosine similarity and principal-component map, computed with
NumPy alone: the same floating-point numbers as scikit-learn's, on awkward matrices too."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from sklearn.metrics.pairwise import cosine_similarity
from threadpoolctl import threadpool_limits

from framing.compare.cluster_measures import (
    cosine_similarities,
    mean_silhouette,
    principal_coordinates,
)
from framing.compare.ward import cut, ward_merges


def matrices() -> list[np.ndarray]:
    """Group x feature matrices like the clustering's, and the awkward cases: a row of zeros,
    two equal rows, a column-major array, rounded values, a single feature."""
    rng = np.random.default_rng(3)
    found = []
    for trial in range(30):
        groups, features = int(rng.integers(3, 45)), int(rng.integers(1, 90))
        matrix = rng.normal(size=(groups, features)) * rng.uniform(0.01, 10)
        if trial % 5 == 0:
            matrix[int(rng.integers(0, groups))] = 0
        if trial % 7 == 0:
            matrix[1] = matrix[0]
        if trial % 4 == 0:
            matrix = np.round(matrix, 1)
        if trial % 6 == 0:
            matrix = np.asfortranarray(matrix)
        found.append(matrix)
    return found


@pytest.mark.parametrize("matrix", matrices())
def test_the_measures_equal_scikit_learns_to_the_bit(matrix: np.ndarray) -> None:
    with threadpool_limits(limits=1):  # as the comparison's finish computes them
        merges = ward_merges(matrix)
        for k in range(2, min(len(matrix) - 1, 10) + 1):
            labels = cut(merges, k)
            assert mean_silhouette(matrix, labels) == float(silhouette_score(matrix, labels))
        assert cosine_similarities(matrix).tobytes() == cosine_similarity(matrix).tobytes()
        components = min(2, *matrix.shape)
        expected = PCA(n_components=components, svd_solver="full").fit_transform(matrix)
        assert principal_coordinates(matrix, components).tobytes() == expected.tobytes()


def test_a_silhouette_needs_two_clusters_and_a_point_to_spare() -> None:
    points = np.arange(12, dtype=np.float64).reshape(4, 3)
    with pytest.raises(ValueError, match="2 to 3 clusters"):
        mean_silhouette(points, (1, 1, 1, 1))
    with pytest.raises(ValueError, match="2 to 3 clusters"):
        mean_silhouette(points, (1, 2, 3, 4))
    # A point alone in its cluster counts 0; two tight pairs far apart score near 1.
    pairs = np.array([[0.0, 0.0], [0.0, 0.1], [9.0, 9.0], [9.0, 9.1]])
    assert mean_silhouette(pairs, (1, 1, 2, 2)) > 0.98
    assert mean_silhouette(pairs, (1, 2, 3, 3)) < mean_silhouette(pairs, (1, 1, 2, 2))
