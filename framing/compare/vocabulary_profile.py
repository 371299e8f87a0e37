"""The cleaned word and phrase counts of each group, as the comparison reads them: what
:meth:`framing.compare.vocabulary.VocabularyCounts.profile` makes of the running counts once
every article is counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True, eq=False)
class VocabularyProfile:
    """Each group's cleaned word and phrase counts (see :mod:`framing.compare.vocabulary`).

    ``counts[g, t]`` is how often group ``groups[g]`` uses term ``terms[t]`` (a scipy CSR matrix
    of int64, groups x terms); ``articles[g, t]`` in how many of its articles. ``terms`` is
    sorted; ``words[t]`` is the number of words of term ``t`` (1-3). ``left_out`` lists the
    words and phrases removed as names or boilerplate (``outlet_words``: those from outlets'
    names and web hosts); ``min_phrase_articles`` the frequency
    rule applied to phrases; ``pruned_below`` the floor of the size bound (0: nothing pruned).
    """

    groups: tuple[str, ...]
    terms: tuple[str, ...]
    words: NDArray[np.int64]
    counts: Any  # scipy.sparse.csr_matrix
    articles: Any  # scipy.sparse.csr_matrix
    group_articles: tuple[int, ...]
    left_out: tuple[str, ...]
    min_phrase_articles: int
    pruned_below: int
    outlet_words: tuple[str, ...] = ()  # the part of left_out that comes from outlets' names

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, VocabularyProfile):
            return NotImplemented
        same = (self.groups, self.terms, self.group_articles, self.left_out) == (
            other.groups, other.terms, other.group_articles, other.left_out,
        )  # fmt: skip
        return (
            same
            and (self.min_phrase_articles, self.pruned_below)
            == (other.min_phrase_articles, other.pruned_below)
            and (self.counts != other.counts).nnz == 0
            and (self.articles != other.articles).nnz == 0
        )

    __hash__ = None  # type: ignore[assignment]

    def matrix(self, words: Iterable[int] = (1,)) -> tuple[Any, tuple[str, ...]]:
        """``(counts, terms)``: the groups x terms CSR matrix of counts restricted to terms of
        the given numbers of words (single words by default), and those terms in column order.
        This is the document-term matrix of a scaling model such as Wordfish, one row per
        group in ``groups`` order."""
        wanted = np.isin(self.words, np.array(list(words), dtype=np.int64))
        columns = np.flatnonzero(wanted)
        return self.counts[:, columns], tuple(self.terms[i] for i in columns)

    def group_counts(self) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
        """``(counts, articles)`` per group as Counters of term -> number (non-zero only)."""
        return _counters(self, self.counts), _counters(self, self.articles)


def _counters(profile: VocabularyProfile, matrix: Any) -> dict[str, Counter[str]]:
    result: dict[str, Counter[str]] = {}
    terms = profile.terms
    for row, group in enumerate(profile.groups):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        columns = matrix.indices[start:end].tolist()
        values = matrix.data[start:end].tolist()
        result[group] = Counter(dict(zip((terms[c] for c in columns), values, strict=True)))
    return result
