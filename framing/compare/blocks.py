"""Feature blocks: the groups of features outlets are compared on, and their weights.

Every block is scaled to the same total variance (1) before it is weighted, so a block's weight,
not its number of features, sets its say in the distances between outlets:

- a block of named features (variant shares, tone, readability, ...) is standardized feature
  by feature (z-scores across groups) and divided by the square root of its size;
- the vocabulary block starts from each group's log-odds z-score for every shared word against
  the other groups (Monroe, Colaresi & Quinn 2008) and keeps only its principal components that
  rise above noise by parallel analysis (Horn 1965: a component is kept while its singular value
  exceeds the largest of the same component over column-permuted copies of the matrix); the
  components are scaled together, so their relative sizes stay as they are.

A new block is added by name: an entry in :data:`BLOCKS` and a :class:`FeatureBlock` with its
values passed to :func:`framing.compare.clusters.cluster_groups`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from framing.compare.wordmatrix import WordMatrix, log_odds_z_matrix, min_word_count
from framing.errors import UsageError

Matrix = NDArray[np.float64]

# Every block a comparison can use, in the order they are listed, with what it holds.
BLOCKS: dict[str, str] = {
    "terminology": "share of each lexicon variant among the mentions of its concept",
    "connotation": "share of topic-term mentions carrying each connotation label",
    "frames": "share of frame cues in each frame dimension",
    "tone": "mean sentence sentiment and share of negative sentences (VADER)",
    "actors": "mean sentiment of the sentences that name each actor",
    "readability": "the six readability formulas",
    "vocabulary": "every word two or more outlets use: log-odds z-scores, principal components",
}
DEFAULT_WEIGHT = 1.0
PARALLEL_PERMUTATIONS = 19  # the largest of 19 permuted values: a 1-in-20 chance for noise
VOCABULARY_LABEL_WORDS = 3


@dataclass(frozen=True)
class FeatureBlock:
    """One block's raw features for every group (rows in group order, natural units)."""

    name: str
    features: tuple[str, ...]
    values: Matrix
    reduced: bool = False  # to be summarized by its principal components (the vocabulary)
    note: str = ""
    whole: bool = False  # scaled as a whole, not feature by feature (principal components)


@dataclass(frozen=True)
class BlockMatrix:
    """The blocks side by side, ready for clustering."""

    names: tuple[str, ...]  # one per column
    blocks: tuple[str, ...]  # the block of each column
    z: Matrix  # each column standardized across groups (for fingerprints)
    natural: Matrix  # natural units (component scores for a reduced block)
    weighted: Matrix  # scaled to total variance 1 per block, times the block's weight


def parse_feature_weights(text: str) -> tuple[tuple[str, float], ...]:
    """``"vocabulary=2,readability=0"`` as ``(("readability", 0.0), ("vocabulary", 2.0))``;
    :class:`UsageError` naming the bad part and what is valid."""
    weights: dict[str, float] = {}
    valid = ", ".join(BLOCKS)
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, equals, number = part.partition("=")
        name = name.strip()
        if not equals:
            raise UsageError(f"--features {text!r}: {part!r} is not BLOCK=WEIGHT, e.g. tone=2")
        if name not in BLOCKS:
            raise UsageError(f"--features {text!r}: no block {name!r}; valid: {valid}")
        try:
            weight = float(number)
        except ValueError:
            raise UsageError(
                f"--features {text!r}: weight {number.strip()!r} of {name} is not a number"
            ) from None
        if not np.isfinite(weight) or weight < 0:
            raise UsageError(f"--features {text!r}: weight of {name} must be 0 or more")
        weights[name] = weight
    if weights and all(weights.get(name, DEFAULT_WEIGHT) == 0 for name in BLOCKS):
        raise UsageError(f"--features {text!r}: at least one block needs a weight above 0")
    return tuple(sorted(weights.items()))


def block_weights(features: Sequence[tuple[str, float]]) -> dict[str, float]:
    """The weight of every block: 1 unless ``features`` says otherwise."""
    weights = dict.fromkeys(BLOCKS, DEFAULT_WEIGHT)
    weights.update(features)
    return weights


def vocabulary_block(matrix: WordMatrix, min_words: int = 50) -> FeatureBlock:
    """The vocabulary block: each group's log-odds z-score for every word of ``matrix``."""
    if len(matrix.groups) < 3 or len(matrix.terms) < min_words:
        note = (
            f"left out: only {len(matrix.terms)} words are used at least "
            f"{min_word_count(len(matrix.groups))} times by two or more groups (at least "
            f"{min_words} needed)"
            if len(matrix.groups) >= 3
            else "left out: at least 3 groups are needed"
        )
        return FeatureBlock("vocabulary", (), np.zeros((len(matrix.groups), 0)), True, note)
    values = log_odds_z_matrix(matrix.counts)
    return FeatureBlock("vocabulary", matrix.terms, values, reduced=True)


def _singular_values(centred: Matrix) -> NDArray[np.float64]:
    # Through the groups x groups Gram matrix: groups are few and words many, so this is cheap.
    eigenvalues = np.linalg.eigvalsh(centred @ centred.T)[::-1]
    return np.asarray(np.sqrt(np.clip(eigenvalues, 0.0, None)), dtype=np.float64)


def parallel_components(values: Matrix, seed: int) -> int:
    """How many principal components of ``values`` (groups x features) rise above noise by
    parallel analysis (Horn 1965) with column permutations."""
    centred = values - values.mean(axis=0)
    observed = _singular_values(centred)
    rng = np.random.default_rng([seed, 1965])
    noise = np.zeros_like(observed)
    for _ in range(PARALLEL_PERMUTATIONS):
        shuffled = permute_columns(centred, rng)
        noise = np.maximum(noise, _singular_values(shuffled - shuffled.mean(axis=0)))
    kept = 0
    while kept < len(observed) - 1 and observed[kept] > noise[kept] * (1 + 1e-9):
        kept += 1
    return kept


def permute_columns(values: Matrix, rng: np.random.Generator) -> Matrix:
    """Each column's values shuffled across rows independently."""
    order = np.argsort(rng.random(values.shape), axis=0)
    return np.take_along_axis(values, order, axis=0)


def combine(
    blocks: Sequence[FeatureBlock],
    weights: Mapping[str, float],
    components: Mapping[str, int],
) -> BlockMatrix:
    """The weighted matrix of ``blocks`` (blocks with weight 0 left out); a reduced block keeps
    ``components[name]`` principal components."""
    names: list[str] = []
    owners: list[str] = []
    z_parts: list[Matrix] = []
    natural_parts: list[Matrix] = []
    weighted_parts: list[Matrix] = []
    rows = len(blocks[0].values) if blocks else 0
    for block in blocks:
        weight = weights.get(block.name, DEFAULT_WEIGHT)
        if weight == 0 or block.values.shape[1] == 0:
            continue
        if block.reduced:
            block = reduce_block(block, components.get(block.name, 0))
        labels, natural = block.features, block.values
        spread = natural.std(axis=0)
        kept = spread > 1e-12
        if not kept.any():
            continue
        natural = natural[:, kept]
        z = (natural - natural.mean(axis=0)) / spread[kept]
        if block.whole:
            centred = natural - natural.mean(axis=0)
            scaled = centred / np.sqrt((centred**2).sum() / len(centred))
        else:
            scaled = z / np.sqrt(kept.sum())
        names += [label for label, keep in zip(labels, kept, strict=True) if keep]
        owners += [block.name] * int(kept.sum())
        z_parts.append(z)
        natural_parts.append(natural)
        weighted_parts.append(scaled * weight)

    def stack(parts: list[Matrix]) -> Matrix:
        return np.column_stack(parts) if parts else np.zeros((rows, 0))

    return BlockMatrix(tuple(names), tuple(owners), stack(z_parts), stack(natural_parts),
                       stack(weighted_parts))  # fmt: skip


def reduce_block(block: FeatureBlock, count: int) -> FeatureBlock:
    """The block as its first ``count`` principal component scores, each named by the words that
    load on it most at either end; a component's sign puts its most extreme group positive."""
    centred = block.values - block.values.mean(axis=0)
    gram = centred @ centred.T
    eigenvalues, vectors = np.linalg.eigh(gram)
    order = np.argsort(-eigenvalues, kind="stable")[:count]
    values = np.sqrt(np.clip(eigenvalues[order], 0.0, None))
    scores = vectors[:, order] * values
    labels = []
    for c in range(len(order)):
        if scores[np.argmax(np.abs(scores[:, c])), c] < 0:
            scores[:, c] *= -1
        loading = centred.T @ scores[:, c]  # proportional to the component's word loadings
        ranked = np.argsort(-loading, kind="stable")
        high = [block.features[j] for j in ranked[:VOCABULARY_LABEL_WORDS]]
        low = [block.features[j] for j in ranked[::-1][:VOCABULARY_LABEL_WORDS]]
        labels.append(
            f"{block.name} dimension {c + 1} (more {', '.join(repr(w) for w in high)}; "
            f"less {', '.join(repr(w) for w in low)})"
        )
    return FeatureBlock(block.name, tuple(labels), scores, False, block.note, whole=True)


def separation_shares(
    matrix: BlockMatrix, labels: Sequence[int], weights: Mapping[str, float]
) -> dict[str, float]:
    """Each block's share (0-1) of the between-cluster sum of squares of the weighted features:
    how much of what separates the clusters comes from that block."""
    members = np.array(labels)
    overall = matrix.weighted.mean(axis=0)
    between = np.zeros(matrix.weighted.shape[1])
    for cluster in sorted(set(labels)):
        inside = members == cluster
        between += inside.sum() * (matrix.weighted[inside].mean(axis=0) - overall) ** 2
    owners = np.array(matrix.blocks)
    totals = {name: float(between[owners == name].sum()) for name in weights}
    grand = sum(totals.values())
    return {name: (value / grand if grand > 0 else 0.0) for name, value in totals.items()}
