"""Is there any grouping at all? A test of cluster structure against one Gaussian cloud.

The mean silhouette (Rousseeuw 1987) compares clusterings with two or more clusters but cannot
judge one cluster, so it always finds "the best" k >= 2, even in noise. Before clusters are
chosen, this test asks whether the outlets' weighted feature vectors split into two groups
more cleanly than the same number of points drawn from a single Gaussian distribution with the
same spread along every principal axis would. It follows SigClust (Liu, Hayes, Nobel & Marron
2008, "Statistical significance of clustering for high-dimension, low-sample-size data", JASA
103), made for exactly this case: few objects (outlets), many features.

- Only what rises above noise is tested: the principal components of the weighted named
  features (variant shares, tone, readability, ...) kept by parallel analysis (Horn 1965: a
  component is kept while its singular value exceeds the largest of the same component over 19
  copies with each feature shuffled across outlets), beside the vocabulary components, which
  passed the same analysis on the words. Dozens of noise features would otherwise hide a real
  split.
- The statistic is the cluster index of those components: the within-cluster sum of squares of
  the best two-cluster split (here Ward's, the method the clusters use) over the total sum of
  squares, 0 to 1; lower means two tighter, more separate groups.
- The null distribution comes from ``simulations`` samples, each of as many points as there are
  groups, from a Gaussian with the observed variances along those components; the p-value is
  (1 + samples with an index at most the observed) / (1 + simulations).

We prefer it to a permutation test of the clustering itself, which would break the correlations
between features of one block (the readability formulas rise and fall together) and so find
"groups" in any real data; to the gap statistic (Tibshirani, Walther & Hastie 2001),
whose uniform reference box depends on how features are scaled; and to stability alone, which
needs article resamples the vocabulary block does not keep. The Gaussian fitted to the data
includes the spread between any real groups, so the test is conservative: it says "no clear
groups" unless the split is clearly sharper than a single cloud would give.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from framing.compare.blocks import FeatureBlock, combine, parallel_components
from framing.compare.model import GroupingTest

Matrix = NDArray[np.float64]
TEST_LEVEL = 0.05


def cluster_index(points: Matrix) -> float:
    """Within-cluster over total sum of squares (0-1) of the Ward split of ``points`` (rows)
    into two clusters; 1 when all points coincide."""
    from scipy.cluster.hierarchy import fcluster, linkage

    centred = points - points.mean(axis=0)
    total = float((centred**2).sum())
    if total <= 1e-24:
        return 1.0
    labels = fcluster(linkage(points, method="ward"), 2, criterion="maxclust")
    within = 0.0
    for label in np.unique(labels):
        members = points[labels == label]
        within += float(((members - members.mean(axis=0)) ** 2).sum())
    return within / total


def signal_blocks(
    blocks: Sequence[FeatureBlock],
    weights: Mapping[str, float],
    components: Mapping[str, int],
    seed: int,
) -> Matrix:
    """The weighted features cut down to what rises above noise: the principal components of
    the named-feature blocks together that pass parallel analysis, beside the components already
    kept for each reduced block (the vocabulary)."""
    named = combine([b for b in blocks if not b.reduced], weights, {}).weighted
    kept = parallel_components(named, seed) if named.shape[1] else 0
    centred = named - named.mean(axis=0)
    left, singular, _right = np.linalg.svd(centred, full_matrices=False)
    reduced = combine([b for b in blocks if b.reduced], weights, components).weighted
    return np.column_stack([left[:, :kept] * singular[:kept], reduced])


def grouping_test(signal: Matrix, simulations: int, seed: int) -> GroupingTest:
    """The test of :mod:`framing.compare.grouping` on the rows of ``signal`` (groups x weighted
    components above noise, from :func:`signal_blocks`)."""
    rows = len(signal)
    if rows < 3:
        return GroupingTest(None, None, 0, False, "not tested: too few groups")
    if signal.shape[1] == 0:
        return GroupingTest(None, 1.0, 0, False, "no feature varies above noise")
    centred = signal - signal.mean(axis=0)
    singular = np.linalg.svd(centred, compute_uv=False)
    spreads = singular[singular > 1e-12 * singular[0]] / np.sqrt(rows - 1)
    observed = cluster_index(signal)
    if simulations < 1:
        return GroupingTest(observed, None, 0, True, "not tested: no simulations asked for")
    rng = np.random.default_rng([seed, 2008])
    reached = 0
    for _ in range(simulations):
        sample = rng.standard_normal((rows, len(spreads))) * spreads
        reached += cluster_index(sample) <= observed + 1e-12
    p_value = (1 + reached) / (1 + simulations)
    return GroupingTest(observed, p_value, simulations, p_value <= TEST_LEVEL)
