"""The groups x words count matrix that the vocabulary block, Wordfish and the
correspondence-analysis map share.

:func:`group_word_counts` is the one place that says which counts these models read: the single
words of the cleaned vocabulary profile (:mod:`framing.compare.vocabulary`), the same counts the
distinguishing terms use, so an outlet's own name or dateline never places it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from framing.compare.vocabulary import VocabularyProfile

Matrix = NDArray[np.float64]
# A word must be used by this many groups: a word only one outlet uses (often its own name or a
# local place) says where that outlet is unusual, not where it sits among the others.
MIN_GROUPS_PER_WORD = 2
# Occurrences over all groups: at least this, and on average two per group. Rarer words carry
# little but Poisson noise, and on their own they can pull a scaling model off the main dimension.
MIN_WORD_COUNT = 10
MIN_WORD_COUNT_PER_GROUP = 2
MAX_WORDS = 2000  # the most frequent words kept; bounds the models' time and memory


@dataclass(frozen=True)
class WordMatrix:
    """Counts of ``terms`` (columns) in each of ``groups`` (rows), and how they were chosen."""

    groups: tuple[str, ...]
    terms: tuple[str, ...]
    counts: Matrix  # groups x terms, occurrences


def group_word_counts(
    vocabulary: VocabularyProfile, groups: tuple[str, ...]
) -> dict[str, Mapping[str, int]]:
    """Each group's counts of single words from the cleaned vocabulary profile (outlet and agency
    names, datelines, bylines, numbers and stop words removed), for the models that compare
    outlets on their whole vocabulary."""
    counts, terms = vocabulary.matrix(words=(1,))
    rows = {group: index for index, group in enumerate(vocabulary.groups)}
    result: dict[str, Mapping[str, int]] = {}
    for group in groups:
        if group not in rows:
            result[group] = {}
            continue
        row = rows[group]
        start, end = counts.indptr[row], counts.indptr[row + 1]
        result[group] = {
            terms[column]: int(value)
            for column, value in zip(
                counts.indices[start:end].tolist(), counts.data[start:end].tolist(), strict=True
            )
        }
    return result


def word_matrix(
    counts: Mapping[str, Mapping[str, int]],
    groups: tuple[str, ...],
    max_words: int = MAX_WORDS,
) -> WordMatrix:
    """The ``max_words`` most frequent words used by at least :data:`MIN_GROUPS_PER_WORD` groups
    and at least :func:`min_word_count` times in all, ties broken by the word, so the matrix does
    not depend on input order."""
    totals: dict[str, int] = {}
    users: dict[str, int] = {}
    for group in groups:
        for term, count in counts[group].items():
            if count > 0:
                totals[term] = totals.get(term, 0) + count
                users[term] = users.get(term, 0) + 1
    least = min_word_count(len(groups))
    eligible = [
        term
        for term, total in totals.items()
        if total >= least and users[term] >= MIN_GROUPS_PER_WORD
    ]
    eligible.sort(key=lambda term: (-totals[term], term))
    terms = tuple(sorted(eligible[:max_words]))
    matrix = np.array(
        [[counts[group].get(term, 0) for term in terms] for group in groups], dtype=np.float64
    ).reshape(len(groups), len(terms))
    return WordMatrix(groups, terms, matrix)


def vocabulary_word_matrix(
    vocabulary: VocabularyProfile, groups: tuple[str, ...], max_words: int = MAX_WORDS
) -> WordMatrix:
    """``word_matrix(group_word_counts(vocabulary, groups), groups, max_words)``, the same
    matrix, computed on the sparse counts: only the words that pass the rules are ever turned
    into Python objects, so the time grows with the words kept, not with the whole
    vocabulary."""
    counts, terms = vocabulary.matrix(words=(1,))
    rows = {group: index for index, group in enumerate(vocabulary.groups)}
    present = [i for i, group in enumerate(groups) if group in rows]
    chosen = counts[[rows[groups[i]] for i in present]].tocsc()
    totals = np.asarray(chosen.sum(axis=0)).ravel()
    users = np.asarray((chosen > 0).sum(axis=0)).ravel()
    eligible = np.flatnonzero(
        (totals >= min_word_count(len(groups))) & (users >= MIN_GROUPS_PER_WORD)
    )
    ranked = sorted(eligible.tolist(), key=lambda j: (-int(totals[j]), terms[j]))
    columns = np.sort(np.array(ranked[:max_words], dtype=np.intp))  # terms are sorted
    matrix = np.zeros((len(groups), len(columns)))
    matrix[present] = chosen[:, columns].toarray()
    return WordMatrix(groups, tuple(terms[j] for j in columns), matrix)


def min_word_count(groups: int) -> int:
    """The fewest occurrences, over all ``groups``, of a word the models use."""
    return max(MIN_WORD_COUNT, MIN_WORD_COUNT_PER_GROUP * groups)


def log_odds_z_matrix(counts: Matrix) -> Matrix:
    """Each group's log-odds z-score for each word against all other groups together, with the
    informative Dirichlet prior of the whole corpus's counts (Monroe, Colaresi & Quinn 2008,
    eqs. 16 and 20; the same test as the distinguishing terms). Groups x words, unbounded, about
    standard normal for a word every group uses alike."""
    prior = counts.sum(axis=0)  # a_w: the word's count in the whole corpus
    prior_total = prior.sum()
    group_words = counts.sum(axis=1, keepdims=True)
    rest = prior - counts
    rest_words = prior_total - group_words
    group_odds = (counts + prior) / (group_words + prior_total - counts - prior)
    rest_odds = (rest + prior) / (rest_words + prior_total - rest - prior)
    delta = np.log(group_odds) - np.log(rest_odds)
    variance = 1 / (counts + prior) + 1 / (rest + prior)
    return np.asarray(delta / np.sqrt(variance), dtype=np.float64)
