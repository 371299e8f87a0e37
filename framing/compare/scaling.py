"""Where outlets sit: Wordfish positions with their words, and a correspondence-analysis map.

Both read the groups x words matrix of :mod:`framing.compare.wordmatrix`. Wordfish (Slapin &
Proksch 2008; see :mod:`framing.compare.wordfish`) gives each outlet one position on the
dimension along which word use varies most systematically, with 95% intervals from a parametric
bootstrap, and each word a weight: words with a negative weight pull an outlet to the left,
positive to the right. Correspondence analysis (Benzecri 1973; Greenacre 2017, "Correspondence
Analysis in Practice", as in quanteda's textmodel_ca) places outlets and words in two dimensions
by their chi-square distances, so an outlet lies towards the words it uses more than the others.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from framing.compare.model import (
    CorrespondenceMap,
    CorrespondencePoint,
    OutletPosition,
    Scaling,
    ScalingTerm,
)
from framing.compare.wordfish import WordfishFit, fit_wordfish, parametric_bootstrap
from framing.compare.wordmatrix import WordMatrix, min_word_count
from framing.errors import UsageError
from framing.settings import CompareSettings

Matrix = NDArray[np.float64]
MIN_GROUPS = 3
MIN_WORDS = 50  # word types used by two or more groups; fewer give no stable dimension
MAP_TERMS = 20  # words shown on the correspondence map: those that contribute most


def check_direction(direction: tuple[str, str] | None, groups: tuple[str, ...]) -> None:
    """Raise :class:`UsageError` unless ``direction`` names two different groups of ``groups``."""
    if direction is None:
        return
    left, right = direction
    valid = ", ".join(groups)
    for name in direction:
        if name not in groups:
            raise UsageError(f"--direction {left},{right}: no group {name!r}; valid: {valid}")
    if left == right:
        raise UsageError(f"--direction {left},{right}: name two different groups")


def scale_groups(matrix: WordMatrix, settings: CompareSettings) -> Scaling:
    """Wordfish positions of the groups of ``matrix``, with bootstrap intervals and every word's
    weight; ``Scaling.note`` says why there are none when the data cannot support them."""
    groups = matrix.groups
    check_direction(settings.direction, groups)
    reason = _not_enough(matrix)
    if reason:
        return Scaling((), (), len(matrix.terms), 0, "", 0, reason)
    from threadpoolctl import threadpool_limits

    counts = matrix.counts
    # One BLAS thread: the matrices are small, and threads fight on a shared machine.
    with threadpool_limits(limits=1):
        estimate = fit_wordfish(counts)
        draws = parametric_bootstrap(counts, settings.scaling_replicates, settings.seed, estimate)
        fit, direction = _oriented(estimate, groups, settings.direction)
    if fit.theta @ draws.mean(axis=0) < 0:
        draws = -draws  # the draws are oriented to the unflipped fit
    tail = 100 * (1 - settings.confidence) / 2
    low, high = np.percentile(draws, [tail, 100 - tail], axis=0)
    positions = tuple(
        OutletPosition(group, float(fit.theta[i]), float(low[i]), float(high[i]))
        for i, group in enumerate(groups)
    )
    frequency = counts.sum(axis=0)
    terms = tuple(
        sorted(
            (
                ScalingTerm(term, float(fit.beta[j]), int(frequency[j]), float(fit.psi[j]))
                for j, term in enumerate(matrix.terms)
            ),
            key=lambda t: (round(t.weight, 12), t.term),
        )
    )
    note = "" if fit.converged else "the estimation stopped before converging; treat with care"
    return Scaling(positions, terms, len(matrix.terms), int(counts.sum()), direction,
                   settings.scaling_replicates, note)  # fmt: skip


def _not_enough(matrix: WordMatrix) -> str:
    if len(matrix.groups) < MIN_GROUPS:
        return (
            f"not estimated: at least {MIN_GROUPS} groups are needed to place them on a "
            f"dimension, and there are {len(matrix.groups)}"
        )
    if len(matrix.terms) < MIN_WORDS:
        return (
            f"not estimated: only {len(matrix.terms)} words are used at least "
            f"{min_word_count(len(matrix.groups))} times by two or more groups; at least "
            f"{MIN_WORDS} are needed"
        )
    if (matrix.counts.sum(axis=1) == 0).any():
        return "not estimated: a group uses none of the words shared with the others"
    return ""


def _oriented(
    fit: WordfishFit, groups: tuple[str, ...], direction: tuple[str, str] | None
) -> tuple[WordfishFit, str]:
    """The fit with its sign fixed, and a sentence saying how."""
    if direction is not None:
        left, right = groups.index(direction[0]), groups.index(direction[1])
        if fit.theta[left] > fit.theta[right]:
            fit = fit.flipped()
        return fit, f"{direction[0]} is placed left of {direction[1]} (--direction)"
    # Without a direction the sign is arbitrary; fix it so the output is stable.
    if fit.theta[0] > 0:
        fit = fit.flipped()
    return fit, (
        f"the sign is arbitrary: {groups[0]} (first by name) is placed on the left; "
        "use --direction A,B to choose"
    )


def correspondence_map(
    matrix: WordMatrix, terms_shown: int = MAP_TERMS, like: Scaling | None = None
) -> CorrespondenceMap:
    """Outlets and the ``terms_shown`` words that contribute most to the first two dimensions of
    a correspondence analysis of the groups x words counts, in principal coordinates (a
    symmetric map: distances between outlets are chi-square distances; a word lies towards the
    outlets that use it more than the others). With ``like``, the first dimension runs the same
    way as its positions, so both charts put the same outlets on the left."""
    reason = _not_enough(matrix)
    if reason:
        return CorrespondenceMap((), (), reason)
    table = matrix.counts / matrix.counts.sum()
    rows = table.sum(axis=1)
    columns = table.sum(axis=0)
    expected = np.outer(rows, columns)
    standardized = (table - expected) / np.sqrt(expected)
    left, values, right = np.linalg.svd(standardized, full_matrices=False)
    dimensions = min(2, int((values > 1e-12).sum()))
    if dimensions == 0:
        return CorrespondenceMap((), (), "not drawn: every outlet uses the words alike")
    row_coordinates = left[:, :dimensions] * values[:dimensions] / np.sqrt(rows)[:, None]
    column_coordinates = right[:dimensions].T * values[:dimensions] / np.sqrt(columns)[:, None]
    for d in range(dimensions):  # a dimension's sign is arbitrary; fix it for stable output
        if row_coordinates[np.argmax(np.abs(row_coordinates[:, d])), d] < 0:
            row_coordinates[:, d] *= -1
            column_coordinates[:, d] *= -1
    if like is not None and like.positions:
        positions = np.array([p.position for p in like.positions])
        if float(positions @ row_coordinates[:, 0]) < 0:
            row_coordinates[:, 0] *= -1
            column_coordinates[:, 0] *= -1
    if dimensions == 1:
        row_coordinates = np.column_stack([row_coordinates[:, 0], np.zeros(len(rows))])
        column_coordinates = np.column_stack([column_coordinates[:, 0], np.zeros(len(columns))])
    contribution = columns * (column_coordinates**2).sum(axis=1)
    order = sorted(range(len(matrix.terms)),
                   key=lambda j: (-round(float(contribution[j]), 15), matrix.terms[j]))  # fmt: skip
    points = [
        CorrespondencePoint("outlet", group, *_pair(row_coordinates[i]))
        for i, group in enumerate(matrix.groups)
    ]
    points += [
        CorrespondencePoint("term", matrix.terms[j], *_pair(column_coordinates[j]))
        for j in sorted(order[:terms_shown], key=lambda j: matrix.terms[j])
    ]
    inertia = values**2 / (values**2).sum()
    shares = tuple(float(inertia[d]) if d < dimensions else 0.0 for d in range(2))
    return CorrespondenceMap(tuple(points), shares, "")


def _pair(values: Matrix) -> tuple[float, float]:
    return float(round(values[0], 12)), float(round(values[1], 12))
