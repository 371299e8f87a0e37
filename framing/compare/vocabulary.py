"""Each outlet's vocabulary: word and phrase counts, cleaned of what is not its own language.

Counting happens once per article, while scoring (:func:`framing.compare.terms.count_terms`
already leaves out stop words, numbers and boilerplate: datelines, agency tags, bylines, credit
lines). :class:`VocabularyCounts` adds the articles' counts up per group, in input order, and
:meth:`VocabularyCounts.profile` applies the rules that need the whole corpus:

* **Names of outlets and agencies.** Every word of an outlet's name (``highland``, ``voice`` for
  "The Highland Voice") and of the host of its articles' web addresses (``highlandvoice``), and
  the names of news agencies (:data:`~framing.text.boilerplate.AGENCY_NAMES`), are left out of
  every group's vocabulary, together with every phrase containing them. Left out for all
  groups, not only for the outlet itself, so that no outlet looks distinctive merely for not
  printing another's name; the cost is that an ordinary word that is part of a name ("voice",
  "times") is not compared at all. The words left out are listed in the report.
* **Boilerplate phrases** (:data:`BOILERPLATE_TERMS`) are left out the same way.
* **Frequency.** A single word is kept wherever it occurs. A phrase (2-3 words) is kept only
  when it occurs in at least :func:`min_phrase_articles` articles of the corpus (2, or 3 once
  the corpus has 30 articles or more), so a phrase that one article repeats is not taken for
  anyone's way of writing.
* **Size.** At most ``capacity`` distinct terms are held while counting (default
  :data:`VOCABULARY_CAPACITY`). When the vocabulary grows past it, the terms found in the fewest
  articles are forgotten: the floor ``f`` rises by one until at most half the capacity is left,
  and every term seen in ``f`` articles or fewer so far is dropped (the lossy counting of Manku
  & Motwani 2002, by articles). A term that comes back later is counted from then on, so a
  count can be short by at most ``f`` articles' worth; ``pruned_below`` in the profile records
  the final floor (0 when nothing was forgotten). Memory is therefore bounded by the capacity
  times the number of groups that use each term, whatever the number of articles.

Pruning depends only on the articles in input order, which every engine (one process, a pool
of workers, Dask) feeds in the same order, so the profile is identical whichever runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from framing.text.boilerplate import AGENCY_NAMES, host_words
from framing.text.segment import tokenize

VOCABULARY_CAPACITY = 400_000
MAX_HOSTS_PER_OUTLET = 10
# Phrases of page furniture and credit lines that can survive inside a sentence.
BOILERPLATE_TERMS = (
    "additional reporting",
    "advertisement",
    "all rights reserved",
    "click here",
    "contributed reporting",
    "copyright",
    "newsletter",
    "read more",
    "rights reserved",
    "sign up",
    "staff writer",
    "subscribe",
)


def min_phrase_articles(articles: int) -> int:
    """The fewest articles a 2-3-word phrase must occur in to be kept: 2 in a corpus of fewer
    than 30 articles, else 3."""
    return 2 if articles < 30 else 3


def name_words(name: str) -> tuple[str, ...]:
    """The lower-case written words of a name, as the vocabulary counts them."""
    words: list[list[str]] = []
    for token in tokenize(name):
        if token.joined and words:
            words[-1].append(token.text)
        else:
            words.append([token.text])
    return tuple("-".join(parts).lower().replace("\u2019", "'") for parts in words)


@dataclass
class VocabularyCounts:
    """Running word and phrase counts per group, bounded in size (see the module docstring)."""

    capacity: int = VOCABULARY_CAPACITY
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    articles: dict[str, Counter[str]] = field(default_factory=dict)
    group_articles: Counter[str] = field(default_factory=Counter)
    document_frequency: Counter[str] = field(default_factory=Counter)
    outlet_hosts: dict[str, list[str]] = field(default_factory=dict)
    floor: int = 0

    def add(self, group: str, counted: Iterable[tuple[str, int]], outlet: str = "",
            url: str = "") -> None:  # fmt: skip
        """Count one article of ``group``; ``outlet`` and ``url`` name whose words to leave out
        (``outlet`` empty when it is not known)."""
        seen = dict(counted)
        self.counts.setdefault(group, Counter()).update(seen)
        self.articles.setdefault(group, Counter()).update(seen.keys())
        self.document_frequency.update(seen.keys())
        self.group_articles[group] += 1
        if outlet:
            hosts = self.outlet_hosts.setdefault(outlet, [])
            for word in host_words(url) if url else ():
                if word not in hosts and len(hosts) < MAX_HOSTS_PER_OUTLET:
                    hosts.append(word)
        if len(self.document_frequency) > self.capacity:
            self._prune()

    def merge(self, other: VocabularyCounts) -> None:
        """Add another accumulator's counts (of later articles). Exact when neither was pruned;
        otherwise as exact as pruning allows."""
        for group, counts in other.counts.items():
            self.counts.setdefault(group, Counter()).update(counts)
            self.articles.setdefault(group, Counter()).update(other.articles[group])
        self.document_frequency.update(other.document_frequency)
        self.group_articles.update(other.group_articles)
        for outlet, hosts in other.outlet_hosts.items():
            mine = self.outlet_hosts.setdefault(outlet, [])
            mine += [h for h in hosts if h not in mine][: MAX_HOSTS_PER_OUTLET - len(mine)]
        self.floor = max(self.floor, other.floor)
        if len(self.document_frequency) > self.capacity:
            self._prune()

    def _prune(self) -> None:
        frequency = self.document_frequency
        while len(frequency) > self.capacity // 2:
            self.floor += 1
            for term in [t for t, n in frequency.items() if n <= self.floor]:
                del frequency[term]
        for group, counts in self.counts.items():
            self.counts[group] = Counter({t: n for t, n in counts.items() if t in frequency})
            presence = self.articles[group]
            self.articles[group] = Counter({t: n for t, n in presence.items() if t in frequency})

    def left_out_words(self, stopwords: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """``(words, phrases)`` left out of the vocabulary: the words of outlets' names and web
        hosts and of agency names, and the multi-word names and boilerplate phrases."""
        words: set[str] = set()
        phrases: set[str] = set(BOILERPLATE_TERMS)
        for name in (*self.outlet_hosts, *AGENCY_NAMES):
            parts = name_words(name)
            if name in AGENCY_NAMES and len(parts) > 1:
                phrases.add(" ".join(parts))
                continue
            words.update(w for w in parts if w not in stopwords and not any(map(str.isdigit, w)))
        for hosts in self.outlet_hosts.values():
            words.update(hosts)
        return tuple(sorted(words)), tuple(sorted(phrases))

    def outlet_words(self, stopwords: frozenset[str]) -> tuple[str, ...]:
        """The words of the outlets' names and web hosts (left out of the vocabulary)."""
        words = {
            w for outlet in self.outlet_hosts for w in name_words(outlet)
            if w not in stopwords and not any(map(str.isdigit, w))
        }  # fmt: skip
        for hosts in self.outlet_hosts.values():
            words.update(hosts)
        return tuple(sorted(words))

    def profile(self, groups: tuple[str, ...], stopwords: frozenset[str]) -> VocabularyProfile:
        """The cleaned counts of ``groups`` (in that order) as a :class:`VocabularyProfile`."""
        words, phrases = self.left_out_words(stopwords)
        left_out = frozenset(words)
        total_articles = sum(self.group_articles[g] for g in groups)
        minimum = min_phrase_articles(total_articles)
        first_words = frozenset(p.split(" ")[0] for p in phrases)
        kept = []
        for term, frequency in self.document_frequency.items():
            parts = term.split(" ")
            if len(parts) > 1 and frequency < minimum:
                continue
            if left_out.intersection(parts):
                continue
            if first_words.intersection(parts) and any(f" {p} " in f" {term} " for p in phrases):
                continue
            kept.append(term)
        kept.sort()
        index = {term: i for i, term in enumerate(kept)}
        counts = _matrix(groups, index, self.counts)
        presence = _matrix(groups, index, self.articles)
        return VocabularyProfile(
            groups=groups,
            terms=tuple(kept),
            words=np.array([t.count(" ") + 1 for t in kept], dtype=np.int64),
            counts=counts,
            articles=presence,
            group_articles=tuple(self.group_articles[g] for g in groups),
            left_out=words + phrases,
            outlet_words=self.outlet_words(stopwords),
            min_phrase_articles=minimum,
            pruned_below=self.floor,
        )


def _matrix(
    groups: tuple[str, ...], index: dict[str, int], by_group: dict[str, Counter[str]]
) -> Any:
    from scipy.sparse import csr_matrix

    rows: list[int] = []
    columns: list[int] = []
    values: list[int] = []
    for row, group in enumerate(groups):
        found = [(index[t], n) for t, n in by_group.get(group, Counter()).items() if t in index]
        found.sort()
        rows += [row] * len(found)
        columns += [c for c, _ in found]
        values += [n for _, n in found]
    return csr_matrix(
        (
            np.array(values, dtype=np.int64),
            (np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64)),
        ),
        shape=(len(groups), len(index)),
    )


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
