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
  times the number of groups that use each term, whatever the number of articles. Each term
  held is one string and one dictionary entry (its id); the document frequencies and each
  group's counts are arrays of ids and integers (16 bytes per group and term), not
  dictionaries of strings. Forgetting renumbers the terms left, in their order
  (:attr:`VocabularyCounts.renumbered` maps old ids to new); the example candidates
  (:mod:`framing.compare.examples`), keyed by these ids, follow it.

Pruning depends only on the articles in input order, which every engine (one process, a pool
of workers, Dask) feeds in the same order, so the profile is identical whichever runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import compress, repeat
from typing import Any

import numpy as np
from numpy.typing import NDArray

from framing.compare.vocabulary_profile import VocabularyProfile as VocabularyProfile
from framing.model import TermCounts
from framing.text.boilerplate import AGENCY_NAMES, host_words
from framing.text.segment import tokenize

VOCABULARY_CAPACITY = 400_000
# Entries a group gathers before they are folded into its sorted arrays (at least).
PENDING_ENTRIES = 1 << 16
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


class _GroupTerms:
    """One group's term counts as three parallel arrays sorted by term id: how often the group
    uses each term and in how many of its articles. Articles are appended to pending arrays and
    folded in when the pending part is as large as the folded one (amortised O(log n) per
    entry); 16 bytes per (group, term) pair instead of two dictionary entries."""

    __slots__ = ("_pending", "_pending_size", "articles", "counts", "ids")

    def __init__(self) -> None:
        self.ids = np.zeros(0, dtype=np.int32)
        self.counts = np.zeros(0, dtype=np.int64)
        self.articles = np.zeros(0, dtype=np.int32)
        self._pending: list[tuple[NDArray[np.int32], NDArray[np.int64], NDArray[np.int32]]] = []
        self._pending_size = 0

    def add(self, ids: NDArray[np.int32], counts: NDArray[np.int64],
            articles: NDArray[np.int32]) -> None:  # fmt: skip
        """Add counts of the terms ``ids`` (each id at most once per call)."""
        self._pending.append((ids, counts, articles))
        self._pending_size += len(ids)
        if self._pending_size >= max(PENDING_ENTRIES, len(self.ids)):
            self.fold()

    def fold(self) -> None:
        """Fold the pending counts into the sorted arrays."""
        if not self._pending:
            return
        ids = np.concatenate([self.ids, *(p[0] for p in self._pending)])
        counts = np.concatenate([self.counts, *(p[1] for p in self._pending)])
        articles = np.concatenate([self.articles, *(p[2] for p in self._pending)])
        self._pending, self._pending_size = [], 0
        order = np.argsort(ids, kind="stable")
        ids = ids[order]
        starts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
        self.ids = ids[starts]
        self.counts = np.add.reduceat(counts[order], starts) if len(ids) else counts
        self.articles = np.add.reduceat(articles[order], starts) if len(ids) else articles

    def renumber(self, new_ids: NDArray[np.int64]) -> None:
        """Keep the terms whose new id (``new_ids[old id]``) is not -1, under their new ids;
        new ids keep the order of the old ones, so the arrays stay sorted."""
        self.fold()
        mapped = new_ids[self.ids]
        kept = mapped >= 0
        self.ids = mapped[kept].astype(np.int32)
        self.counts = self.counts[kept]
        self.articles = self.articles[kept]


class VocabularyCounts:
    """Running word and phrase counts per group, bounded in size (see the module docstring).

    Each distinct term held has an id (:attr:`ids`, term -> id; :attr:`terms`, id -> term); its
    document frequency and each group's counts are kept in arrays indexed by or holding those
    ids, so a term costs one dictionary entry however many groups use it.
    """

    def __init__(self, capacity: int = VOCABULARY_CAPACITY) -> None:
        self.capacity = capacity
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self._frequency = np.zeros(1024, dtype=np.int32)  # articles per term id
        self._groups: dict[str, _GroupTerms] = {}
        self.group_articles: Counter[str] = Counter()
        self.outlet_hosts: dict[str, list[str]] = {}
        self.floor = 0
        # Times terms were forgotten, and the new id of each id held before the last time (-1:
        # forgotten): what the example candidates, keyed by these ids, follow.
        self.prunes = 0
        self.renumbered = np.zeros(0, dtype=np.int64)
        # The last article numbered (number) and its ids, for add to reuse.
        self._numbered: tuple[TermCounts, NDArray[np.int32], int] | None = None

    def _ids_of(self, terms: list[str]) -> NDArray[np.int32]:
        """The ids of ``terms`` (distinct), giving new terms the next free ids in the order
        given. The lookups and the new terms' entries are made in C-level loops: an article
        brings about a thousand terms, most of them held already."""
        index, known = self.ids, self.terms
        ids = np.fromiter(map(index.get, terms, repeat(-1)), np.int32, len(terms))
        new = ids < 0
        if new.any():
            fresh = list(compress(terms, new.tolist()))
            start = len(known)
            index.update(zip(fresh, range(start, len(known) + len(fresh)), strict=True))
            known += fresh
            ids[new] = np.arange(start, len(known), dtype=np.int32)
            if len(known) > len(self._frequency):
                grown = np.zeros(max(len(known), 2 * len(self._frequency)), dtype=np.int32)
                grown[: len(self._frequency)] = self._frequency
                self._frequency = grown
        return ids

    def number(self, counted: TermCounts) -> NDArray[np.int32]:
        """The ids of an article's terms (in the order of ``counted``), new terms numbered as
        :meth:`add` would number them; :meth:`add` of the same ``counted`` next reuses them.
        An id stays a term's until the vocabulary forgets terms (:attr:`renumbered`)."""
        ids = self._ids_of(counted.terms())
        self._numbered = (counted, ids, self.prunes)
        return ids

    def add(self, group: str, counted: TermCounts | Iterable[tuple[str, int]],
            outlet: str = "", url: str = "") -> None:  # fmt: skip
        """Count one article of ``group`` (``counted``: its :class:`~framing.model.TermCounts`,
        or each term once with its count); ``outlet`` and ``url`` name whose words to leave out
        (``outlet`` empty when it is not known)."""
        numbered, self._numbered = self._numbered, None
        if isinstance(counted, TermCounts):
            terms, numbers, _uses = counted.arrays()
            counts = numbers.astype(np.int64)
            if numbered is not None and numbered[0] is counted and numbered[2] == self.prunes:
                ids = numbered[1]
            else:
                ids = self._ids_of(terms)
        else:
            seen = dict(counted)
            terms = list(seen)
            counts = np.fromiter(seen.values(), dtype=np.int64, count=len(seen))
            ids = self._ids_of(terms)
        self._frequency[ids] += 1
        self._group(group).add(ids, counts, np.ones(len(ids), dtype=np.int32))
        self.group_articles[group] += 1
        if outlet:
            hosts = self.outlet_hosts.setdefault(outlet, [])
            for word in host_words(url) if url else ():
                if word not in hosts and len(hosts) < MAX_HOSTS_PER_OUTLET:
                    hosts.append(word)
        if len(self.ids) > self.capacity:
            self._prune()

    def group_uses(self, group: str, ids: NDArray[np.integer]) -> NDArray[np.int64]:
        """How often ``group`` has used each term of ``ids`` (:attr:`ids`) so far (0 for a term
        it has not used, and for an id of -1)."""
        held = self._group(group)
        held.fold()
        at = np.searchsorted(held.ids, ids)
        found = at < len(held.ids)
        found[found] = held.ids[at[found]] == ids[found]
        uses = np.zeros(len(ids), dtype=np.int64)
        uses[found] = held.counts[at[found]]
        return uses

    def _group(self, group: str) -> _GroupTerms:
        terms = self._groups.get(group)
        if terms is None:
            terms = self._groups[group] = _GroupTerms()
        return terms

    def merge(self, other: VocabularyCounts) -> None:
        """Add another accumulator's counts (of later articles). Exact when neither was pruned;
        otherwise as exact as pruning allows."""
        mine = self._ids_of(other.terms)
        if len(mine):
            self._frequency[mine] += other._frequency[: len(other.terms)]
        for group, theirs in other._groups.items():
            theirs.fold()
            self._group(group).add(mine[theirs.ids], theirs.counts, theirs.articles)
        self.group_articles.update(other.group_articles)
        for outlet, hosts in other.outlet_hosts.items():
            held = self.outlet_hosts.setdefault(outlet, [])
            held += [h for h in hosts if h not in held][: MAX_HOSTS_PER_OUTLET - len(held)]
        self.floor = max(self.floor, other.floor)
        if len(self.ids) > self.capacity:
            self._prune()

    def _prune(self) -> None:
        # Raise the floor once (the vocabulary is over half the capacity), then until at most
        # half the capacity is seen in more articles than the floor; forget the rest.
        frequency = self._frequency[: len(self.terms)]
        self.floor += 1
        while np.count_nonzero(frequency > self.floor) > self.capacity // 2:
            self.floor += 1
        kept = frequency > self.floor
        new_ids = np.where(kept, np.cumsum(kept) - 1, -1)
        self.prunes, self.renumbered = self.prunes + 1, new_ids
        self.terms = list(compress(self.terms, kept.tolist()))
        self.ids = dict(zip(self.terms, range(len(self.terms)), strict=True))
        remaining = frequency[kept]
        self._frequency = np.zeros(max(1024, 2 * len(remaining)), dtype=np.int32)
        self._frequency[: len(remaining)] = remaining
        for terms in self._groups.values():
            terms.renumber(new_ids)

    @property
    def document_frequency(self) -> Counter[str]:
        """In how many articles each term held was seen (a copy, for inspection: it costs a pass
        over the whole vocabulary, so code that runs per article asks :attr:`ids` instead)."""
        frequency = self._frequency[: len(self.terms)].tolist()
        return Counter(dict(zip(self.terms, frequency, strict=True)))

    @property
    def counts(self) -> dict[str, Counter[str]]:
        """Each group's count of each term held (a copy, for inspection)."""
        return {group: self._counter(terms, "counts") for group, terms in self._groups.items()}

    @property
    def articles(self) -> dict[str, Counter[str]]:
        """In how many of each group's articles each term held was seen (a copy)."""
        return {g: self._counter(terms, "articles") for g, terms in self._groups.items()}

    def _counter(self, terms: _GroupTerms, which: str) -> Counter[str]:
        terms.fold()
        values = terms.counts if which == "counts" else terms.articles
        names = self.terms
        return Counter({names[i]: n for i, n in zip(terms.ids.tolist(), values.tolist(),
                                                    strict=True)})  # fmt: skip

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
        kept: list[tuple[str, int]] = []
        frequencies = self._frequency[: len(self.terms)].tolist()
        for term_id, (term, frequency) in enumerate(zip(self.terms, frequencies, strict=True)):
            parts = term.split(" ")
            if len(parts) > 1 and frequency < minimum:
                continue
            if left_out.intersection(parts):
                continue
            if first_words.intersection(parts) and any(f" {p} " in f" {term} " for p in phrases):
                continue
            kept.append((term, term_id))
        kept.sort()
        # column of each term id in the sorted kept terms, -1 for a term left out
        columns = np.full(len(self.terms), -1, dtype=np.int64)
        columns[np.array([i for _t, i in kept], dtype=np.int64)] = np.arange(len(kept))
        for terms in self._groups.values():
            terms.fold()
        counts = _matrix(groups, columns, len(kept), self._groups, "counts")
        presence = _matrix(groups, columns, len(kept), self._groups, "articles")
        kept_terms = [t for t, _i in kept]
        del kept
        return VocabularyProfile(
            groups=groups,
            terms=tuple(kept_terms),
            words=np.array([t.count(" ") + 1 for t in kept_terms], dtype=np.int64),
            counts=counts,
            articles=presence,
            group_articles=tuple(self.group_articles[g] for g in groups),
            left_out=words + phrases,
            outlet_words=self.outlet_words(stopwords),
            min_phrase_articles=minimum,
            pruned_below=self.floor,
        )


def _matrix(
    groups: tuple[str, ...],
    columns: NDArray[np.int64],
    width: int,
    by_group: dict[str, _GroupTerms],
    which: str,
) -> Any:
    """The groups x terms CSR matrix (int64) of each group's ``which`` ("counts" or
    "articles"), its terms placed in ``columns`` (-1: left out)."""
    from scipy.sparse import csr_matrix

    rows: list[NDArray[np.int64]] = []
    places: list[NDArray[np.int64]] = []
    values: list[NDArray[np.int64]] = []
    empty = _GroupTerms()
    for row, group in enumerate(groups):
        terms = by_group.get(group, empty)
        found = columns[terms.ids]
        kept = found >= 0
        found = found[kept]
        order = np.argsort(found, kind="stable")
        places.append(found[order])
        held = terms.counts if which == "counts" else terms.articles
        values.append(held[kept][order].astype(np.int64))
        rows.append(np.full(len(order), row, dtype=np.int64))
    return csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(places))),
        shape=(len(groups), width),
    )
