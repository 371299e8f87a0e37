"""Per-article numbers as arrays, and weighted aggregation into group figures.

Every group figure is a ratio of weighted sums over articles. With 0/1 weights that is the
group's figure; with bootstrap weights (how often each article was drawn) it is the same
figure on a resample. One function therefore serves point estimates, bootstrap intervals and
cluster stability, and the sums are mergeable across chunks of a large corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

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
    connotations: tuple[str, ...]
    frames: tuple[str, ...]
    labels: dict[str, str]  # concept, frame and actor id -> the label a reader sees
    words: Matrix  # (articles,)
    variant_counts: Matrix  # (articles, variants)
    concept_counts: Matrix  # (articles, concepts)
    connotation_counts: Matrix  # (articles, connotations)
    sentiment_mean: Matrix  # article mean compound, 0 where missing
    has_sentiment: Matrix  # 1 where the article has a mean compound
    scored_sentences: Matrix
    negative_sentences: Matrix
    positive_sentences: Matrix
    readability: Matrix  # (articles, formulas), 0 where missing
    has_readability: Matrix  # (articles, formulas)
    actor_sum: Matrix  # (articles, actors): sum of compounds of sentences mentioning the actor
    actor_sentences: Matrix
    frame_counts: Matrix  # (articles, frames): cue words of each frame dimension


def article_table(
    scores: Sequence[ArticleScore], lexicon: Lexicon, threshold: float
) -> ArticleTable:
    """Arrays over ``scores`` (rows in the same order) for the concepts of ``lexicon``."""
    variants = tuple(
        (concept.id, variant.term, variant.connotation)
        for concept in lexicon.concepts
        for variant in concept.variants
    )
    concepts = tuple(concept.id for concept in lexicon.concepts)
    concept_index = {concept: i for i, concept in enumerate(concepts)}
    variant_index = {(c, v): i for i, (c, v, _k) in enumerate(variants)}
    actors = tuple(actor.id for actor in lexicon.actors)
    actor_index = {actor: i for i, actor in enumerate(actors)}
    connotations = lexicon.connotation_labels()
    connotation_index = {label: i for i, label in enumerate(connotations)}
    frames = tuple(frame.id for frame in lexicon.frames)
    frame_index = {frame: i for i, frame in enumerate(frames)}
    n = len(scores)
    table = {
        "words": np.zeros(n),
        "variant_counts": np.zeros((n, len(variants))),
        "concept_counts": np.zeros((n, len(concepts))),
        "connotation_counts": np.zeros((n, len(connotations))),
        "sentiment_mean": np.zeros(n),
        "has_sentiment": np.zeros(n),
        "scored_sentences": np.zeros(n),
        "negative_sentences": np.zeros(n),
        "positive_sentences": np.zeros(n),
        "readability": np.zeros((n, len(READABILITY_FORMULAS))),
        "has_readability": np.zeros((n, len(READABILITY_FORMULAS))),
        "actor_sum": np.zeros((n, len(actors))),
        "actor_sentences": np.zeros((n, len(actors))),
        "frame_counts": np.zeros((n, len(frames))),
    }
    for row, score in enumerate(scores):
        table["words"][row] = score.readability.words
        for hit in score.terms:
            column = variant_index.get((hit.concept, hit.variant))
            if column is None:
                continue  # scored with a lexicon that had this variant; this one does not
            table["variant_counts"][row, column] += 1
            table["concept_counts"][row, concept_index[hit.concept]] += 1
            if hit.connotation in connotation_index:
                table["connotation_counts"][row, connotation_index[hit.connotation]] += 1
        sentiment = score.sentiment
        if sentiment.compound_mean is not None:
            table["sentiment_mean"][row] = sentiment.compound_mean
            table["has_sentiment"][row] = 1
        compounds = [s.compound for s in sentiment.sentences]
        table["scored_sentences"][row] = len(compounds)
        table["negative_sentences"][row] = sum(c <= -threshold for c in compounds)
        table["positive_sentences"][row] = sum(c >= threshold for c in compounds)
        for column, formula in enumerate(READABILITY_FORMULAS):
            value = getattr(score.readability, formula)
            if value is not None:
                table["readability"][row, column] = value
                table["has_readability"][row, column] = 1
        for cue in score.frame_cues:
            if cue.concept in frame_index:
                table["frame_counts"][row, frame_index[cue.concept]] += 1
        for actor in sentiment.actors:
            if actor.actor not in actor_index:
                continue
            column = actor_index[actor.actor]
            table["actor_sum"][row, column] = actor.compound_mean * actor.sentences
            table["actor_sentences"][row, column] = actor.sentences
    return ArticleTable(
        variants=variants,
        concepts=concepts,
        variant_concept=np.array([concept_index[c] for c, _v, _k in variants], dtype=np.int64),
        actors=actors,
        connotations=connotations,
        frames=frames,
        labels={
            **{concept.id: concept.label for concept in (*lexicon.concepts, *lexicon.frames)},
            **{actor.id: actor.label for actor in lexicon.actors},
        },
        **table,
    )


def table_rows(table: ArticleTable, rows: NDArray[np.int64]) -> ArticleTable:
    """The same table restricted to ``rows`` (e.g. one group's articles)."""
    fields = {
        name: getattr(table, name)[rows]
        for name in table.__dataclass_fields__
        if isinstance(getattr(table, name), np.ndarray) and name != "variant_concept"
    }
    return replace(table, **fields)


@dataclass(frozen=True)
class Aggregates:
    """Group figures for each row of a weight matrix; NaN where a figure has no data."""

    articles: Matrix  # effective number of articles (sum of weights)
    words: Matrix
    variant_counts: Matrix
    concept_counts: Matrix
    variant_share: Matrix  # share of each variant among its concept's mentions
    concept_per_1000: Matrix
    connotation_counts: Matrix
    connotation_share: Matrix
    connotation_balance: Matrix
    sentiment_mean: Matrix
    negative_share: Matrix
    positive_share: Matrix
    readability: Matrix
    actor_mean: Matrix
    actor_sentences: Matrix
    frame_counts: Matrix
    frame_share: Matrix  # share of the group's frame cues that belong to each dimension


def _ratio(numerator: Matrix, denominator: Matrix) -> Matrix:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(
            denominator > 0, numerator / np.where(denominator > 0, denominator, 1), np.nan
        )


def aggregate(
    table: ArticleTable, weights: Matrix, connotation_pair: tuple[int, int] | None
) -> Aggregates:
    """Group figures for each row of ``weights`` (rows: groups or resamples; columns: articles).

    ``connotation_pair`` gives the columns of the legitimizing and delegitimizing labels, when
    both exist, for the balance (legitimizing - delegitimizing) / (their sum).
    """
    words = weights @ table.words
    variant_counts = weights @ table.variant_counts
    concept_counts = weights @ table.concept_counts
    connotation_counts = weights @ table.connotation_counts
    frame_counts = weights @ table.frame_counts
    if connotation_pair is None:
        balance = np.full(weights.shape[0], np.nan)
    else:
        legit = connotation_counts[:, connotation_pair[0]]
        deleg = connotation_counts[:, connotation_pair[1]]
        balance = _ratio(legit - deleg, legit + deleg)
    return Aggregates(
        articles=weights.sum(axis=1),
        words=words,
        variant_counts=variant_counts,
        concept_counts=concept_counts,
        variant_share=_ratio(variant_counts, concept_counts[:, table.variant_concept]),
        concept_per_1000=_ratio(1000 * concept_counts, words[:, None]),
        connotation_counts=connotation_counts,
        connotation_share=_ratio(connotation_counts, connotation_counts.sum(axis=1)[:, None]),
        connotation_balance=balance,
        sentiment_mean=_ratio(weights @ (table.sentiment_mean * table.has_sentiment),
                              weights @ table.has_sentiment),
        negative_share=_ratio(weights @ table.negative_sentences, weights @ table.scored_sentences),
        positive_share=_ratio(weights @ table.positive_sentences, weights @ table.scored_sentences),
        readability=_ratio(weights @ table.readability, weights @ table.has_readability),
        actor_mean=_ratio(weights @ table.actor_sum, weights @ table.actor_sentences),
        actor_sentences=weights @ table.actor_sentences,
        frame_counts=frame_counts,
        frame_share=_ratio(frame_counts, frame_counts.sum(axis=1)[:, None]),
    )  # fmt: skip


def bootstrap_weights(articles: int, replicates: int, rng: np.random.Generator) -> Matrix:
    """``replicates`` rows of weights: how often each of ``articles`` articles is drawn when
    resampling them with replacement (Efron 1979)."""
    probabilities = np.full(articles, 1 / articles)
    return rng.multinomial(articles, probabilities, size=replicates).astype(np.float64)
