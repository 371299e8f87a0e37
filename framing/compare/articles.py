"""Per-article numbers as arrays, and weighted aggregation into group figures.

Every group figure is a ratio of weighted sums over articles. With 0/1 weights that is the
group's figure; with bootstrap weights (how often each article was drawn) it is the same
figure on a resample. One function therefore serves point estimates, bootstrap intervals and
cluster stability, and the sums are mergeable across chunks of a large corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from framing.compare.stance import DELEGITIMIZING, LEGITIMIZING, target_connotations
from framing.lexicon.model import Lexicon
from framing.model import ArticleScore
from framing.scoring.readability import READABILITY_FORMULAS

Matrix = NDArray[np.float64]


@dataclass(frozen=True)
class ArticleTable:
    """Numbers per article (rows) needed for every group figure."""

    variants: tuple[tuple[str, str, str], ...]  # (concept, variant, connotation) per column
    concepts: tuple[str, ...]
    variant_concept: NDArray[np.int64]  # column -> concept index
    actors: tuple[str, ...]
    # (target, connotation label) per column: connotations are counted per target, never
    # pooled (see framing.compare.stance); target "" is language not aimed at a named target
    connotations: tuple[tuple[str, str], ...]
    targets: tuple[str, ...]  # distinct targets, in column order
    connotation_target: NDArray[np.int64]  # connotation column -> target index
    # per target: the (legitimizing, delegitimizing) columns, or None without both labels
    balance_columns: tuple[tuple[int, int] | None, ...]
    frames: tuple[str, ...]
    labels: dict[str, str]  # concept, frame and actor id -> the label a reader sees
    words: Matrix  # (articles,)
    variant_counts: Matrix  # (articles, variants)
    concept_counts: Matrix  # (articles, concepts)
    connotation_counts: Matrix  # (articles, (target, connotation) columns)
    sentiment_mean: Matrix  # article mean compound, 0 where missing
    has_sentiment: Matrix  # 1 where the article has a mean compound
    scored_sentences: Matrix
    negative_sentences: Matrix
    positive_sentences: Matrix
    readability: Matrix  # (articles, formulas), 0 where missing
    has_readability: Matrix  # (articles, formulas)
    actor_sum: Matrix  # (articles, actors): sum of the tone toward the actor over its sentences
    actor_sentences: Matrix
    frame_counts: Matrix  # (articles, frames): cue words of each frame dimension

    @staticmethod
    def additive_fields() -> tuple[str, ...]:
        """The fields holding numbers (all of them sums over articles)."""
        return _FIELDS


# The additive fields of an ArticleTable, in the order of their columns in a flat row.
_FIELDS = (
    "words", "variant_counts", "concept_counts", "connotation_counts", "sentiment_mean",
    "has_sentiment", "scored_sentences", "negative_sentences", "positive_sentences",
    "readability", "has_readability", "actor_sum", "actor_sentences", "frame_counts",
)  # fmt: skip


@dataclass(frozen=True)
class Layout:
    """Where each figure of an article sits in one flat row of numbers, for one lexicon.

    Every column is additive: the sum of articles' rows is a group's row, so groups and
    resamples are sums of rows, and sums from chunks of a corpus merge by addition.
    """

    variants: tuple[tuple[str, str, str], ...]
    concepts: tuple[str, ...]
    actors: tuple[str, ...]
    connotations: tuple[tuple[str, str], ...]  # (target, connotation label)
    concept_targets: dict[str, str]  # concept id -> target ("" when untargeted)
    frames: tuple[str, ...]
    labels: dict[str, str]
    offsets: dict[str, tuple[int, int, bool]]  # field -> (first column, width, is a vector)
    width: int

    def table(self, rows: Matrix) -> ArticleTable:
        """The table whose rows are ``rows`` (articles, or sums of articles)."""
        fields = {}
        for name, (first, width, vector) in self.offsets.items():
            fields[name] = rows[:, first : first + width] if vector else rows[:, first]
        return ArticleTable(
            variants=self.variants,
            concepts=self.concepts,
            variant_concept=np.array(
                [self._concept_index[c] for c, _v, _k in self.variants], dtype=np.int64
            ),
            actors=self.actors,
            connotations=self.connotations,
            targets=self._targets,
            connotation_target=np.array(
                [self._targets.index(t) for t, _label in self.connotations], dtype=np.int64
            ),
            balance_columns=tuple(self._balance_columns(target) for target in self._targets),
            frames=self.frames,
            labels=self.labels,
            **fields,
        )

    def row(self, score: ArticleScore, threshold: float) -> dict[int, float]:
        """An article's non-zero columns."""
        values: dict[int, float] = {}

        def add(name: str, column: int, value: float) -> None:
            index = self.offsets[name][0] + column
            values[index] = values.get(index, 0.0) + value

        add("words", 0, score.readability.words)
        for hit in score.terms:
            column = self._variant_index.get((hit.concept, hit.variant))
            if column is None:
                continue  # scored with a lexicon that had this variant; this one does not
            add("variant_counts", column, 1)
            add("concept_counts", self._concept_index[hit.concept], 1)
            # counted toward the hit's target only (a hit stored under another lexicon may
            # name a target this one does not: then it is not counted)
            key = (self.concept_targets.get(hit.concept, ""), hit.connotation)
            if key in self._connotation_index:
                add("connotation_counts", self._connotation_index[key], 1)
        sentiment = score.sentiment
        if sentiment.compound_mean is not None:
            add("sentiment_mean", 0, sentiment.compound_mean)
            add("has_sentiment", 0, 1)
        compounds = [s.compound for s in sentiment.sentences]
        add("scored_sentences", 0, len(compounds))
        add("negative_sentences", 0, sum(c <= -threshold for c in compounds))
        add("positive_sentences", 0, sum(c >= threshold for c in compounds))
        for column, formula in enumerate(READABILITY_FORMULAS):
            value = getattr(score.readability, formula)
            if value is not None:
                add("readability", column, value)
                add("has_readability", column, 1)
        for cue in score.frame_cues:
            if cue.concept in self._frame_index:
                add("frame_counts", self._frame_index[cue.concept], 1)
        for actor in sentiment.actors:
            if actor.actor in self._actor_index:
                column = self._actor_index[actor.actor]
                add("actor_sum", column, actor.tone * actor.sentences)
                add("actor_sentences", column, actor.sentences)
        return {column: value for column, value in values.items() if value}

    @cached_property
    def _variant_index(self) -> dict[tuple[str, str], int]:
        return {(c, v): i for i, (c, v, _k) in enumerate(self.variants)}

    @cached_property
    def _concept_index(self) -> dict[str, int]:
        return {concept: i for i, concept in enumerate(self.concepts)}

    @cached_property
    def _connotation_index(self) -> dict[tuple[str, str], int]:
        return {key: i for i, key in enumerate(self.connotations)}

    def _balance_columns(self, target: str) -> tuple[int, int] | None:
        where = self._connotation_index
        legit, deleg = (target, LEGITIMIZING), (target, DELEGITIMIZING)
        return (where[legit], where[deleg]) if legit in where and deleg in where else None

    @cached_property
    def _targets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(target for target, _label in self.connotations))

    @cached_property
    def _frame_index(self) -> dict[str, int]:
        return {frame: i for i, frame in enumerate(self.frames)}

    @cached_property
    def _actor_index(self) -> dict[str, int]:
        return {actor: i for i, actor in enumerate(self.actors)}


def layout_of(lexicon: Lexicon) -> Layout:
    """The row layout for the concepts, actors and frames of ``lexicon``."""
    variants = tuple(
        (concept.id, variant.term, variant.connotation)
        for concept in lexicon.concepts
        for variant in concept.variants
    )
    concepts = tuple(concept.id for concept in lexicon.concepts)
    actors = tuple(actor.id for actor in lexicon.actors)
    connotations = target_connotations(lexicon)
    frames = tuple(frame.id for frame in lexicon.frames)
    widths = {"variant_counts": len(variants), "concept_counts": len(concepts),
              "connotation_counts": len(connotations), "readability": len(READABILITY_FORMULAS),
              "has_readability": len(READABILITY_FORMULAS), "actor_sum": len(actors),
              "actor_sentences": len(actors), "frame_counts": len(frames)}  # fmt: skip
    offsets = {}
    column = 0
    for name in _FIELDS:
        width = widths.get(name, 1)
        offsets[name] = (column, width, name in widths)
        column += width
    return Layout(
        variants=variants,
        concepts=concepts,
        actors=actors,
        connotations=connotations,
        concept_targets={concept.id: concept.target for concept in lexicon.concepts},
        frames=frames,
        labels={
            **{concept.id: concept.label for concept in (*lexicon.concepts, *lexicon.frames)},
            **{actor.id: actor.label for actor in lexicon.actors},
        },
        offsets=offsets,
        width=column,
    )


@dataclass(frozen=True)
class Aggregates:
    """Group figures for each row of a weight matrix; NaN where a figure has no data."""

    words: Matrix
    variant_counts: Matrix
    concept_counts: Matrix
    variant_share: Matrix  # share of each variant among its concept's mentions
    concept_per_1000: Matrix
    connotation_counts: Matrix
    connotation_share: Matrix  # share of each label among the mentions aimed at its target
    connotation_balance: Matrix  # (rows, targets): (legit - deleg) / (their sum), per target
    sentiment_mean: Matrix
    negative_share: Matrix
    positive_share: Matrix
    readability: Matrix
    actor_mean: Matrix
    actor_sentences: Matrix
    frame_counts: Matrix
    frame_share: Matrix  # share of the group's frame cues that belong to each dimension


def _ratio(numerator: Matrix, denominator: Matrix) -> Matrix:
    """``numerator / denominator`` where the denominator is positive, else NaN. Divided in
    place only where defined: on resample tables (1,000 rows) this runs thousands of times."""
    shape = np.broadcast_shapes(np.shape(numerator), np.shape(denominator))
    out = np.full(shape, np.nan)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def weighted(table: ArticleTable, weights: Matrix) -> ArticleTable:
    """A table whose rows are the ``weights``-weighted sums of ``table``'s rows (rows of
    ``weights``: groups or resamples; columns: the rows of ``table``)."""
    fields = {name: weights @ getattr(table, name) for name in _FIELDS}
    return replace(table, **fields)


def target_membership(table: ArticleTable) -> Matrix:
    """Connotation columns x targets: 1 where the column counts toward the target, so that
    ``connotation_counts @ target_membership(table)`` gives the mentions aimed at each target."""
    membership = np.zeros((len(table.connotations), len(table.targets)))
    membership[np.arange(len(table.connotations)), table.connotation_target] = 1.0
    return membership


def aggregate(table: ArticleTable) -> Aggregates:
    """Group figures for each row of ``table``, a row being the sum of a group's articles (or
    of a resample of them).

    Connotation figures stay within one target: a label's share is of the mentions aimed at the
    same target, and the balance (legitimizing - delegitimizing) / (their sum) is computed per
    target, NaN for a target whose variants lack either label.
    """
    words = table.words
    concept_counts = table.concept_counts
    connotation_counts = table.connotation_counts
    frame_counts = table.frame_counts
    rows = len(words)
    balance = np.full((rows, len(table.targets)), np.nan)
    # Every target's balance at once (the same element-wise arithmetic as one at a time).
    paired = [(index, pair) for index, pair in enumerate(table.balance_columns) if pair]
    if paired:
        targets = [index for index, _pair in paired]
        legit = connotation_counts[:, [pair[0] for _index, pair in paired]]
        deleg = connotation_counts[:, [pair[1] for _index, pair in paired]]
        balance[:, targets] = _ratio(legit - deleg, legit + deleg)
    target_totals = (connotation_counts @ target_membership(table))[:, table.connotation_target]
    return Aggregates(
        words=words,
        variant_counts=table.variant_counts,
        concept_counts=concept_counts,
        variant_share=_ratio(table.variant_counts, concept_counts[:, table.variant_concept]),
        concept_per_1000=_ratio(1000 * concept_counts, words[:, None]),
        connotation_counts=connotation_counts,
        connotation_share=_ratio(connotation_counts, target_totals),
        connotation_balance=balance,
        sentiment_mean=_ratio(table.sentiment_mean, table.has_sentiment),
        negative_share=_ratio(table.negative_sentences, table.scored_sentences),
        positive_share=_ratio(table.positive_sentences, table.scored_sentences),
        readability=_ratio(table.readability, table.has_readability),
        actor_mean=_ratio(table.actor_sum, table.actor_sentences),
        actor_sentences=table.actor_sentences,
        frame_counts=frame_counts,
        frame_share=_ratio(frame_counts, frame_counts.sum(axis=1)[:, None]),
    )


def poisson_weights(replicates: int, articles: int, rng: np.random.Generator) -> Matrix:
    """``replicates`` rows of resampling weights for ``articles`` articles: each article's count
    in a resample is drawn from Poisson(1) independently, which approximates drawing n of n with
    replacement (Efron 1979) and needs no knowledge of n, so a stream of articles can be
    resampled as it goes (Oza & Russell 2001; Hanley & MacGibbon 2006)."""
    return rng.poisson(1.0, size=(replicates, articles)).astype(np.float64)
