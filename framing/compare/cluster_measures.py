"""The three measures the clustering of groups takes from geometry: the mean silhouette of a
clustering, the cosine similarity of every pair of groups, and their principal-component map.

The matrices are small (groups x features), so each measure is a few NumPy lines; they do the
same arithmetic in the same order as scikit-learn's ``silhouette_score``,
``cosine_similarity`` and ``PCA(svd_solver="full").fit_transform`` (version 1.9), so the
results are the same floating-point numbers (tested against scikit-learn), while a run that
clusters no longer has to import scikit-learn (over a second on its own).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]


def _gram(points: Matrix) -> Matrix:
    """``points @ points.T``: one operand the other's transpose, so NumPy computes one
    triangle (BLAS ``syrk``) and mirrors it, as scikit-learn's product does."""
    return points @ points.T


def euclidean_distances(points: Matrix) -> Matrix:
    """The Euclidean distance between every two rows of ``points``, from the expansion
    ``|a|^2 - 2 a.b + |b|^2`` (negative rounding clipped to 0, the diagonal exactly 0)."""
    points = np.asarray(points, dtype=np.float64)
    squares = np.einsum("ij,ij->i", points, points)[:, None]
    distances = -2 * _gram(points)
    distances += squares
    distances += squares.T
    np.maximum(distances, 0, out=distances)
    np.fill_diagonal(distances, 0)
    np.sqrt(distances, out=distances)
    return distances


def mean_silhouette(points: Matrix, labels: Sequence[int]) -> float:
    """The mean silhouette (Rousseeuw 1987) of the clustering ``labels`` of the rows of
    ``points``, in [-1, 1]: for each point, (b - a) / max(a, b), with ``a`` its mean distance
    to the other members of its cluster and ``b`` the least mean distance to another cluster;
    0 for a point alone in its cluster. Needs 2 to ``len(points) - 1`` clusters."""
    _values, codes = np.unique(np.asarray(labels), return_inverse=True)
    codes = codes.reshape(-1)
    sizes = np.bincount(codes)
    if not 2 <= len(sizes) <= len(codes) - 1:
        raise ValueError(f"a silhouette needs 2 to {len(codes) - 1} clusters, not {len(sizes)}")
    distances = euclidean_distances(points)
    count = len(codes)
    distances.flat[:: count + 1] = 0
    to_clusters = np.zeros((count, len(sizes)), dtype=distances.dtype)
    for i in range(count):  # summed in the order of the points, as scikit-learn sums them
        to_clusters[i] += np.bincount(codes, weights=distances[i], minlength=len(sizes))
    own = (np.arange(count), codes)
    inside = to_clusters[own]
    to_clusters[own] = np.inf
    to_clusters /= sizes
    nearest = to_clusters.min(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        inside /= (sizes - 1).take(codes, mode="clip")
        silhouettes = nearest - inside
        silhouettes /= np.maximum(inside, nearest)
    return float(np.mean(np.nan_to_num(silhouettes)))


def cosine_similarities(points: Matrix) -> Matrix:
    """The cosine of the angle between every two rows of ``points`` (a row of zeros has
    cosine 0 with every row)."""
    normalized = np.array(points, dtype=np.float64)
    norms = np.sqrt(np.einsum("ij,ij->i", normalized, normalized))
    norms[norms < 10 * np.finfo(norms.dtype).eps] = 1.0
    normalized /= norms[:, None]
    return _gram(normalized)


def principal_coordinates(points: Matrix, components: int) -> Matrix:
    """The rows of ``points`` on their first ``components`` principal components (the
    centred rows' singular value decomposition, Pearson 1901), each component's sign set by
    its largest loading, as scikit-learn sets it."""
    from scipy import linalg  # as scikit-learn's "full" solver: SciPy's LAPACK, not NumPy's
    from threadpoolctl import threadpool_limits

    points = np.asarray(points, dtype=np.float64)
    centred = np.array(points, copy=True)
    centred -= np.mean(points, axis=0)
    # One thread, set here: SciPy's BLAS may be loaded only now, after the comparison limited
    # the threads of those already loaded, and on a busy machine its threads wait on each
    # other for a matrix of a few dozen rows (0.8 s instead of 3 ms).
    with threadpool_limits(limits=1):
        left, singular, right = linalg.svd(centred, full_matrices=False)
    largest = np.argmax(np.abs(right), axis=1)
    places = largest + np.arange(right.shape[0]) * right.shape[1]
    signs = np.sign(np.take(right.reshape(-1), places))
    left *= signs[np.newaxis, :]
    coordinates: Matrix = left[:, :components]
    coordinates *= singular[:components]
    return coordinates
