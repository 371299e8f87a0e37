"""Ward clustering cut into k clusters, and the adjusted Rand index between two clusterings.

Ward's method (Ward 1963) merges, at every step, the two clusters whose union least increases
the within-cluster sum of squares; the merges come from SciPy's ``linkage``. The tree is built
once per set of points and cut into any number of clusters by undoing its last merges, the
same cut scikit-learn's ``AgglomerativeClustering(linkage="ward")`` makes on the same tree
(it calls the same SciPy routine), so the labels are the same; cutting one tree for every
candidate number of clusters saves rebuilding it for each.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]


def ward_merges(points: Matrix) -> Matrix:
    """The Ward merges of the rows of ``points`` (SciPy's linkage matrix: one row per merge,
    ``(first, second, distance, size)``, the new cluster numbered rows + merge index)."""
    from scipy.cluster.hierarchy import linkage

    return np.asarray(linkage(points, method="ward"), dtype=np.float64)


def canonical(labels: Sequence[int]) -> tuple[int, ...]:
    """Clusters numbered 1, 2, ... in the order their first member appears."""
    mapping: dict[int, int] = {}
    for label in labels:
        mapping.setdefault(int(label), len(mapping) + 1)
    return tuple(mapping[int(label)] for label in labels)


def cut(merges: Matrix, k: int) -> tuple[int, ...]:
    """The ``k`` clusters of the tree ``merges`` (of ``len(merges) + 1`` points) left after
    undoing its last ``k - 1`` merges, numbered by :func:`canonical`."""
    points = len(merges) + 1
    if k <= 1:
        return (1,) * points
    if k >= points:
        return tuple(range(1, points + 1))
    children = merges[:, :2].astype(np.intp)
    kept = {2 * points - 2}  # the root
    for _ in range(k - 1):
        latest = max(kept)
        kept.remove(latest)
        kept.update(int(child) for child in children[latest - points])
    labels = np.zeros(points, dtype=np.intp)
    for cluster, node in enumerate(sorted(kept)):
        stack = [node]
        while stack:
            current = stack.pop()
            if current < points:
                labels[current] = cluster
            else:
                stack.extend(int(child) for child in children[current - points])
    return canonical(labels.tolist())


def adjusted_rand_index(first: Sequence[int], second: Sequence[int]) -> float:
    """The adjusted Rand index (Hubert & Arabie 1985) of two labelings of the same items: 1 for
    the same partition, about 0 for chance agreement, negative below chance. Computed from the
    pair counts in integers, as scikit-learn's ``adjusted_rand_score``, so the value is the
    same."""
    _values, rows = np.unique(np.asarray(first), return_inverse=True)
    _values, columns = np.unique(np.asarray(second), return_inverse=True)
    table = np.zeros((int(rows.max()) + 1, int(columns.max()) + 1), dtype=np.int64)
    np.add.at(table, (rows, columns), 1)
    items = len(first)
    squares = int((table**2).sum())
    together_in_both = squares - items
    only_second = int((table @ table.sum(axis=0)).sum()) - squares
    only_first = int((table.T @ table.sum(axis=1)).sum()) - squares
    apart_in_both = items**2 - only_second - only_first - squares
    if only_first == 0 and only_second == 0:
        return 1.0
    agreement = together_in_both * apart_in_both - only_first * only_second
    return (
        2.0
        * agreement
        / (
            (together_in_both + only_first) * (only_first + apart_in_both)
            + (together_in_both + only_second) * (only_second + apart_in_both)
        )
    )
