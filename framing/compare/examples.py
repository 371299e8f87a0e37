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

How they are held, so that an article costs the same however many are held: a group's term
candidates are keyed by the vocabulary's integer term ids
(:meth:`~framing.compare.vocabulary.VocabularyCounts.number`) in sorted NumPy arrays, the ids
and for each its ``limit`` sentences (-1 for a use still to come). An article's terms are found
by binary search; those new to the vocabulary, whose ids are above every id held, are appended,
and the few the vocabulary knew but the group had not used go to a small sorted part merged
into the large one now and then. When the vocabulary forgets terms it renumbers the rest in
their order (:attr:`~framing.compare.vocabulary.VocabularyCounts.renumbered`), and the
candidates follow with one array lookup and mask per group. Each sentence's text is kept with
the number of candidates that refer to it (places of terms and name keys), lowered as they are
forgotten; the text goes when it reaches zero, and an article's id with its last sentence. No
step walks every candidate or every text held: forgetting costs array operations over the pairs
held and one dictionary deletion per text dropped.

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
the corpus brought half the capacity's worth of newer pairs (at the 550 to 700 new pairs a
news-like article of ``benchmarks/newslike.py`` brings, some 800 articles), or the floor rose
past its count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
from numpy.typing import NDArray

from framing.compare.example_arrays import ARTICLE, GroupCandidates, Refs, SentenceTexts, rows_of
from framing.compare.model import Epithet, KeywordInContext
from framing.compare.terms import ExampleSource, find_examples
from framing.compare.vocabulary import VocabularyCounts
from framing.model import TermCounts
from framing.text.names import MENTION

# (group, term) pairs whose candidates are kept: 20 bytes each in the arrays (limit 2), plus
# the text of the sentences they hold. The vocabulary's own cap keeps news-like corpora of 40
# outlets below it (574,000 pairs at 10,000 articles); it bounds what many small groups
# (``--by``) would hold. A tighter cap changes shown terms' examples: a news-like article
# brings 550 to 700 new pairs, and an outlet's distinctive word may recur only some hundred
# articles later (at 300,000 pairs, 4 of the 400 terms shown for 2,000 articles lost their
# first example; at 200,000, 27).
CANDIDATE_CAPACITY = 1_000_000
NameKey = tuple[str, str, str]  # (last word of the name, position, phrase as counted)


@dataclass
class ExampleCandidates:
    """The sentences examples can come from, kept per group while articles are counted (see
    the module docstring); ``limit`` is the most examples a term can get."""

    limit: int
    groups: dict[str, GroupCandidates] = field(default_factory=dict)  # group -> its terms'
    # group -> (name, position, phrase) -> sentences of the first article that printed it
    names: dict[str, dict[NameKey, tuple[int, ...]]] = field(default_factory=dict)
    sentences: SentenceTexts = field(default_factory=SentenceTexts)
    articles: int = 0
    capacity: int = CANDIDATE_CAPACITY  # (group, term) pairs held at most
    floor: int = 0  # pairs whose group used the term this often or less may have been forgotten
    pairs: int = 0  # (group, term) pairs held
    vocabulary: VocabularyCounts | None = None  # whose term ids key the candidates
    _prunes: int = 0  # the vocabulary's prunes followed
    _epithet_floor: int = 0

    @property
    def texts(self) -> dict[int, str]:
        """The text of every sentence a candidate refers to."""
        return self.sentences.texts

    @property
    def article_ids(self) -> dict[int, str]:
        """The id of every article a candidate sentence comes from, by number in input order."""
        return self.sentences.article_ids

    def add(
        self,
        group: str,
        article_id: str,
        sentences: dict[int, str],
        counted: TermCounts,
        contexts: Iterable[tuple[str, str, str, int]],
        vocabulary: VocabularyCounts,
    ) -> None:
        """Keep the candidates of one article of ``group``, the next in input order: its
        ``sentences`` (index -> text), its terms' first uses (``counted``, made by
        :func:`~framing.compare.terms.count_terms_with_uses`) and its name ``contexts``
        (:func:`framing.text.names.name_contexts`). ``vocabulary`` numbers the terms (see
        :meth:`VocabularyCounts.number`): the one the article is counted in next, the same
        for every article."""
        if self.vocabulary is None:
            self.vocabulary, self._prunes = vocabulary, vocabulary.prunes
        elif vocabulary is not self.vocabulary:
            raise ValueError("example candidates follow one vocabulary; another was given")
        article = self.articles
        self.articles += 1
        used = self._add_uses(group, article * ARTICLE, counted, vocabulary)
        names = self._add_names(group, article * ARTICLE, sentences, contexts)
        if names:
            used = np.concatenate([used, np.array(names, dtype=np.int64)])
        self.sentences.refer(article, article_id, sentences, used)

    def _add_uses(self, group: str, base: int, counted: TermCounts,
                  vocabulary: VocabularyCounts) -> NDArray[np.int64]:  # fmt: skip
        """Fill each term's free places with this article's uses; the indexes of the sentences
        placed, once per place."""
        held = self.groups.get(group)
        if held is None:
            held = self.groups[group] = GroupCandidates(self.limit)
        ranks = min(counted.ranks, self.limit)
        if not len(counted) or not ranks:
            return np.zeros(0, dtype=np.int64)
        _terms, _counts, uses = counted.arrays()
        at = uses[:, :ranks].astype(np.int64)
        start = len(vocabulary.terms)  # the ids of terms new to the vocabulary start here
        ids = vocabulary.number(counted)
        placed, fresh = held.add(ids, np.where(at >= 0, at + base, -1), start)
        self.pairs += fresh
        return placed - base

    def _add_names(
        self,
        group: str,
        base: int,
        sentences: dict[int, str],
        contexts: Iterable[tuple[str, str, str, int]],
    ) -> list[int]:
        held = self.names.setdefault(group, {})
        keys = {
            (name.rsplit(None, 1)[-1], position, phrase)
            for name, position, phrase, _count in contexts
            if position != MENTION
        }
        used: list[int] = []  # once per key that refers to it
        naming: dict[str, tuple[int, ...]] = {}
        for key in keys.difference(held):
            surname = key[0]
            if surname not in naming:
                naming[surname] = tuple(i for i, text in sentences.items() if surname in text)
            held[key] = tuple(base + i for i in naming[surname])
            used += naming[surname]
        return used

    def follow(self, epithet_floor: int, names: Iterable[tuple[str, str, str]]) -> None:
        """Forget the candidates of what the counts forgot: called after each article (once it
        is counted in the vocabulary) with the epithet counts' floor and, read only when it
        rose, their (name, position, phrase) keys; the vocabulary's forgotten terms are read
        from the ids it renumbered. Past :attr:`capacity`, the pairs a group has used least
        are forgotten too (see the module docstring)."""
        vocabulary = self.vocabulary
        released: list[Refs] = []
        renumbered = None
        if vocabulary is not None and vocabulary.prunes != self._prunes:
            if vocabulary.prunes != self._prunes + 1:
                raise ValueError("the vocabulary forgot terms twice since the last follow")
            renumbered = vocabulary.renumbered
        if vocabulary is not None and self.pairs > self.capacity:
            released += self._thin(vocabulary, renumbered)
        if vocabulary is not None and renumbered is not None:
            for held in self.groups.values():
                held.fold()
                ids = renumbered[held.ids]
                released.append(held.keep(ids >= 0, ids))
            self.pairs = sum(map(len, self.groups.values()))
            self._prunes = vocabulary.prunes
        if epithet_floor != self._epithet_floor:
            kept_names = {(n.rsplit(None, 1)[-1], p, phrase) for n, p, phrase in names}
            for group, keys in self.names.items():
                gone = [i for k, at in keys.items() if k not in kept_names for i in at]
                if gone:
                    self.names[group] = {k: at for k, at in keys.items() if k in kept_names}
                    released.append(np.array(gone, dtype=np.int64))
            self._epithet_floor = epithet_floor
        if released:
            self.sentences.release(np.concatenate(released))

    def _thin(self, vocabulary: VocabularyCounts,
              renumbered: NDArray[np.int64] | None) -> list[Refs]:  # fmt: skip
        """Forget pairs until at most half the capacity is held: first the pairs still short of
        ``limit`` uses, oldest first use first; then, if those are not enough, the pairs their
        group used least (:attr:`floor` rises until at most half the capacity is above it).
        ``renumbered``: the vocabulary's new ids of the ids held, when it has just forgotten
        terms. The sentences of the places forgotten are returned."""
        target = self.capacity // 2
        groups = self.groups
        released: list[Refs] = []
        for held in groups.values():
            held.fold()
        waiting = np.concatenate([np.zeros(0, dtype=np.int64), *(
            held.places[held.places[:, -1] < 0, 0] for held in groups.values()
        )])  # fmt: skip
        if len(waiting):
            # pairs sharing the last first use forgotten go with it
            last = np.partition(waiting, min(self.pairs - target, len(waiting)) - 1)
            last_use = last[min(self.pairs - target, len(waiting)) - 1]
            for held in groups.values():
                places = held.places
                released.append(held.keep((places[:, 0] > last_use) | (places[:, -1] >= 0)))
            self.pairs = sum(map(len, groups.values()))
        if self.pairs > target:
            uses = {
                group: vocabulary.group_uses(
                    group, held.ids if renumbered is None else renumbered[held.ids]
                )
                for group, held in groups.items()
            }
            everything = np.concatenate([np.zeros(0, dtype=np.int64), *uses.values()])
            # the lowest floor above the last one with at most `target` pairs above it
            self.floor += 1
            if len(everything) > target:
                above = np.partition(everything, len(everything) - target - 1)
                self.floor = max(self.floor, int(above[len(everything) - target - 1]))
            for group, held in groups.items():
                released.append(held.keep(uses[group] > self.floor))
            self.pairs = sum(map(len, groups.values()))
        return released

    def held(self) -> Iterator[tuple[str, str, int]]:
        """``(group, term, uses kept)`` for every term with candidates."""
        terms = self.vocabulary.terms if self.vocabulary is not None else []
        for group, held in self.groups.items():
            held.fold()
            kept = np.count_nonzero(held.places >= 0, axis=1)
            for term_id, count in zip(held.ids.tolist(), kept.tolist(), strict=True):
                yield group, terms[term_id], count

    def term_examples(
        self, wanted: dict[str, set[str]], stopwords: frozenset[str], limit: int
    ) -> dict[tuple[str, str], tuple[KeywordInContext, ...]]:
        """:func:`~framing.compare.terms.find_examples` of the wanted terms of each group, read
        from the candidates (at most ``self.limit`` per term)."""
        index = self.vocabulary.ids if self.vocabulary is not None else {}
        chosen: dict[str, set[int]] = {}
        for group, terms in wanted.items():
            held = self.groups.get(group)
            if held is None:
                continue
            held.fold()
            ids = np.fromiter(map(index.get, terms, repeat(-1)), np.int64, len(terms))
            rows = rows_of(held.ids, ids)
            places = held.places[rows[rows >= 0]]
            chosen[group] = set(places[places >= 0].tolist())
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
                if i // ARTICLE != article:
                    if texts:
                        yield group, self.article_ids[article], texts
                    article, texts = i // ARTICLE, []
                texts.append(self.texts[i])
            if texts:
                yield group, self.article_ids[article], texts
