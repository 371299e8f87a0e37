"""Examples in context, gathered in the one pass that counts the articles.

A distinguishing term's examples are its first uses in a group's articles, in input order
(:func:`~framing.compare.terms.find_examples`), and an epithet's example is the first sentence
of the group that prints the label next to the name (:mod:`framing.compare.epithets`). Which
terms and epithets are shown is known only once every article is counted, so instead of
reading the inputs a second time the counting pass keeps *candidates*:

* for every (group, term) still counted, the sentences of the term's first ``limit`` uses in the
  group (a sentence once per use): the scorer lists each article's first uses of its terms
  (:func:`~framing.compare.terms.count_terms_with_uses`) and :class:`ExampleCandidates` keeps
  those of the terms a group has not yet used ``limit`` times;
* for every (group, name, position, phrase) of :mod:`framing.text.names` still counted, the
  sentences of the first article that printed it which contain the name's last word.

At the end the examples are picked from the candidates by the same functions that would read
every sentence again: the candidates hold every sentence those functions would stop at, in
input order, so the choice is the same. Memory is bounded by the counts it follows: at most
``limit`` sentence references per (group, term) of the vocabulary and one list per
(group, name, position, phrase) of the epithet counts; when either forgets its rarest keys (see
:mod:`framing.compare.vocabulary`), their candidates go too, and so does the text of every
sentence no candidate refers to any more. A term forgotten that way and counted again later
takes its examples from the uses after its return, like its counts.

The candidates also have a bound of their own, tighter than the vocabulary's (whose 400,000
terms, each held for every group that uses it, would keep hundreds of megabytes of candidate
sentences): at most ``capacity`` (group, term) pairs (:data:`CANDIDATE_CAPACITY`). Past it,
pairs are forgotten until half the capacity is left: first the pairs still waiting for their
``limit``-th use (most are words a group used once and never again), those whose first use is
oldest first; only if that is not enough, the pairs their group has used least (a floor on the
group's count of the term rises, as the vocabulary's does on document frequency). A term
forgotten that way and used again takes its examples from the uses after its return. The
examples of a shown term (used at least twice, and among its group's most over-used) are
therefore those of reading every sentence again unless, between its first uses in the group,
the corpus brought half the capacity's worth of newer pairs (at about a thousand new pairs per
news-like article, some 500 articles), or the floor rose past its count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from framing.compare.model import Epithet, KeywordInContext
from framing.compare.terms import ExampleSource, find_examples
from framing.model import TermCounts
from framing.text.names import MENTION

# Candidates are keyed by one integer per sentence: the article's number in input order times
# this, plus the sentence's index in the article.
_ARTICLE = 1 << 32
# (group, term) pairs whose candidates are kept: about 500 bytes each with the sentences they
# hold. The vocabulary's own cap keeps news-like corpora of 40 outlets below it (574,000 pairs
# at 10,000 articles); it bounds what many small groups (``--by``) would hold. A tighter cap
# changes shown terms' examples: a news-like article brings about a thousand new pairs, and an
# outlet's distinctive word may recur only some hundred articles later (at 300,000 pairs, 4 of
# the 400 terms shown for 2,000 articles lost their first example; at 200,000, 27).
CANDIDATE_CAPACITY = 1_000_000
NameKey = tuple[str, str, str]  # (last word of the name, position, phrase as counted)


@dataclass
class ExampleCandidates:
    """The sentences examples can come from, kept per group while articles are counted (see
    the module docstring); ``limit`` is the most examples a term can get."""

    limit: int
    # group -> one dict per use: term -> sentence of that use
    terms: dict[str, list[dict[str, int]]] = field(default_factory=dict)
    # group -> (name, position, phrase) -> sentences of the first article that printed it
    names: dict[str, dict[NameKey, tuple[int, ...]]] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)  # sentence -> its text
    article_ids: dict[int, str] = field(default_factory=dict)  # article number -> its id
    articles: int = 0
    capacity: int = CANDIDATE_CAPACITY  # (group, term) pairs held at most
    floor: int = 0  # pairs whose group used the term this often or less may have been forgotten
    pairs: int = 0  # (group, term) pairs held
    _floors: tuple[int, int] = (0, 0)

    def add(
        self,
        group: str,
        article_id: str,
        sentences: dict[int, str],
        counted: TermCounts,
        contexts: Iterable[tuple[str, str, str, int]],
    ) -> None:
        """Keep the candidates of one article of ``group``, the next in input order: its
        ``sentences`` (index -> text), its terms' first uses (``counted``, made by
        :func:`~framing.compare.terms.count_terms_with_uses`) and its name ``contexts``
        (:func:`framing.text.names.name_contexts`)."""
        base = self.articles * _ARTICLE
        self.articles += 1
        used = self._add_uses(group, base, counted)
        used.update(self._add_names(group, base, sentences, contexts))
        if used:
            self.article_ids[self.articles - 1] = article_id
            # A sentence of symbols only ("\u00b2 \u00b3") has no sentiment row: no text to show.
            self.texts.update((base + i, sentences.get(i, "")) for i in used)

    def _add_uses(self, group: str, base: int, counted: TermCounts) -> set[int]:
        """Fill each term's free places with this article's uses; the sentences now used."""
        held = self.terms.setdefault(group, [{} for _ in range(self.limit)])
        terms, _counts, uses = counted.arrays()
        ranks = min(counted.ranks, self.limit)
        if not terms or not ranks:
            return set()
        # kept[t]: how many places the group holds for term t (it fills them in order, so a
        # term in held[p] is in every place before p).
        kept = np.zeros(len(terms), np.intp)
        rows = np.arange(len(terms))
        for place in range(self.limit):
            inside = np.fromiter(map(held[place].__contains__, map(terms.__getitem__,
                                 rows.tolist())), bool, len(rows))  # fmt: skip
            rows = rows[inside]
            kept[rows] += 1
            if not len(rows):
                break
        self.pairs += int(np.count_nonzero(kept == 0))
        used: list[NDArray[np.int64]] = []
        for rank in range(ranks):
            # Use `rank` of a term with k places kept goes to place k + rank.
            column = uses[:, rank]
            for place in range(rank, self.limit):
                chosen = np.flatnonzero((kept == place - rank) & (column >= 0))
                if not len(chosen):
                    continue
                at = column[chosen].astype(np.int64)
                used.append(at)
                named = map(terms.__getitem__, chosen.tolist())
                held[place].update(zip(named, (at + base).tolist(), strict=True))
        return set(np.concatenate(used).tolist()) if used else set()

    def _add_names(
        self,
        group: str,
        base: int,
        sentences: dict[int, str],
        contexts: Iterable[tuple[str, str, str, int]],
    ) -> set[int]:
        held = self.names.setdefault(group, {})
        keys = {
            (name.rsplit(None, 1)[-1], position, phrase)
            for name, position, phrase, _count in contexts
            if position != MENTION
        }
        new = keys.difference(held)
        used: set[int] = set()
        naming: dict[str, tuple[int, ...]] = {}
        for key in new:
            surname = key[0]
            if surname not in naming:
                naming[surname] = tuple(i for i, text in sentences.items() if surname in text)
                used.update(naming[surname])
            held[key] = tuple(base + i for i in naming[surname])
        return used

    def follow(self, vocabulary_floor: int, terms: Container[str], epithet_floor: int,
               names: Iterable[tuple[str, str, str]],
               group_uses: Callable[[str, list[str]], NDArray[np.int64]] | None = None,
               ) -> None:  # fmt: skip
        """Forget the candidates of what the counts forgot: called after each article with the
        vocabulary's and the epithet counts' floors and, read only when a floor rose, their
        terms and (name, position, phrase) keys. Past :attr:`capacity`, the pairs a group has
        used least are forgotten too, ``group_uses(group, terms)`` giving how often the group
        has used each term (see the module docstring)."""
        if group_uses is not None and self.pairs > self.capacity:
            self._thin(group_uses)
        if (vocabulary_floor, epithet_floor) == self._floors:
            return
        if vocabulary_floor != self._floors[0]:
            for held in self.terms.values():
                for place, uses in enumerate(held):
                    held[place] = {t: at for t, at in uses.items() if t in terms}
            self.pairs = sum(len(held[0]) for held in self.terms.values())
        if epithet_floor != self._floors[1]:
            kept_names = {(n.rsplit(None, 1)[-1], p, phrase) for n, p, phrase in names}
            for group, keys in self.names.items():
                self.names[group] = {k: at for k, at in keys.items() if k in kept_names}
        self._floors = (vocabulary_floor, epithet_floor)
        self._collect()

    def _thin(self, group_uses: Callable[[str, list[str]], NDArray[np.int64]]) -> None:
        """Forget pairs until at most half the capacity is held: first the pairs still short of
        ``limit`` uses, oldest first use first; then, if those are not enough, the pairs their
        group used least (:attr:`floor` rises until at most half the capacity is above it)."""
        target = self.capacity // 2
        waiting = sorted(at for held in self.terms.values()
                         for t, at in held[0].items() if t not in held[-1])  # fmt: skip
        if waiting:
            # pairs sharing the last first use forgotten go with it
            last = waiting[min(self.pairs - target, len(waiting)) - 1]
            for held in self.terms.values():
                gone = {t for t, at in held[0].items() if at <= last and t not in held[-1]}
                for place, at in enumerate(held):
                    held[place] = {t: i for t, i in at.items() if t not in gone}
            self.pairs = sum(len(held[0]) for held in self.terms.values())
        if self.pairs > target:
            uses = {group: group_uses(group, list(held[0])) for group, held in self.terms.items()}
            everything = np.concatenate([np.zeros(0, dtype=np.int64), *uses.values()])
            self.floor += 1
            while np.count_nonzero(everything > self.floor) > target:
                self.floor += 1
            for group, held in self.terms.items():
                kept = {t for t, n in zip(held[0], uses[group].tolist(), strict=True)
                        if n > self.floor}  # fmt: skip
                for place, at in enumerate(held):
                    held[place] = {t: i for t, i in at.items() if t in kept}
            self.pairs = sum(len(held[0]) for held in self.terms.values())
        self._collect()

    def _collect(self) -> None:
        """Drop the text of every sentence no candidate refers to."""
        referred: set[int] = set()
        for held in self.terms.values():
            for uses in held:
                referred.update(uses.values())
        for keys in self.names.values():
            for at in keys.values():
                referred.update(at)
        self.texts = {i: text for i, text in self.texts.items() if i in referred}
        articles = {i // _ARTICLE for i in referred}
        self.article_ids = {a: name for a, name in self.article_ids.items() if a in articles}

    def held(self) -> Iterator[tuple[str, str, int]]:
        """``(group, term, uses kept)`` for every term with candidates."""
        for group, held in self.terms.items():
            kept: Counter[str] = Counter()
            for uses in held:
                kept.update(uses.keys())
            for term, count in kept.items():
                yield group, term, count

    def term_examples(
        self, wanted: dict[str, set[str]], stopwords: frozenset[str], limit: int
    ) -> dict[tuple[str, str], tuple[KeywordInContext, ...]]:
        """:func:`~framing.compare.terms.find_examples` of the wanted terms of each group, read
        from the candidates (at most ``self.limit`` per term)."""
        chosen: dict[str, set[int]] = {}
        for group, terms in wanted.items():
            for uses in self.terms.get(group, ()):
                chosen.setdefault(group, set()).update(uses[t] for t in terms if t in uses)
        return find_examples(self._source(chosen), wanted, stopwords, min(limit, self.limit))

    def epithet_sources(self, epithets: Sequence[Epithet]) -> ExampleSource:
        """The candidate sentences of ``epithets``' labels, as the groups' articles in input
        order (what :func:`framing.compare.epithets.find_epithets` searches)."""
        chosen: dict[str, set[int]] = {}
        wanted: dict[str, set[tuple[str, str, str]]] = {}
        for e in epithets:
            wanted.setdefault(e.group, set()).add((e.name_key, e.position, e.epithet))
        for group, labels in wanted.items():
            # A title is counted with the given names the comparison strips from it.
            by_name: dict[tuple[str, str], list[str]] = {}
            for surname, position, phrase in labels:
                by_name.setdefault((surname, position), []).append(phrase + " ")
            for (surname, position, phrase), at in self.names.get(group, {}).items():
                shown = by_name.get((surname, position), ())
                if any((phrase + " ").startswith(label) for label in shown):
                    chosen.setdefault(group, set()).update(at)
        return self._source(chosen)

    def _source(self, chosen: dict[str, set[int]]) -> ExampleSource:
        for group, sentences in chosen.items():
            article = -1
            texts: list[str] = []
            for i in sorted(sentences):
                if i // _ARTICLE != article:
                    if texts:
                        yield group, self.article_ids[article], texts
                    article, texts = i // _ARTICLE, []
                texts.append(self.texts[i])
            if texts:
                yield group, self.article_ids[article], texts
