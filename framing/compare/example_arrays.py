"""The arrays :mod:`framing.compare.examples` keeps its candidates in: each group's term
candidates keyed by the vocabulary's term ids (:class:`GroupCandidates`), and the text of the
sentences they refer to, with a count of references each (:class:`SentenceTexts`)."""

from __future__ import annotations

from itertools import repeat

import numpy as np
from numpy.typing import NDArray

# A sentence is one integer: its article's number in input order times this, plus its index in
# the article.
ARTICLE = 1 << 32
# Pairs a group gathers (at least) in its small sorted part before merging it into the large.
PENDING_PAIRS = 1 << 10
Refs = NDArray[np.int64]  # sentences, as numbered above (-1: none)


def rows_of(held: NDArray[np.int32], ids: NDArray[np.integer]) -> NDArray[np.intp]:
    """The row of each of ``ids`` in the sorted ``held``, -1 where it is not held."""
    if not len(held):
        return np.full(len(ids), -1, dtype=np.intp)
    at = np.minimum(np.searchsorted(held, ids), len(held) - 1)
    return np.where(held[at] == ids, at, -1)


class GroupCandidates:
    """One group's term candidates: the vocabulary ids of its terms, sorted, and for each the
    sentences of its first uses, one column per use (-1: not yet used so often; columns fill
    from the left). Most of an article's new pairs are terms new to the vocabulary, whose ids
    are above every id held: they are appended (the arrays keep room to grow). The rest go to a
    small sorted part, merged into the large one when it reaches a sixteenth of it. An article
    therefore costs about its terms times the logarithm of the pairs held, not a copy of every
    pair, and forgetting is one mask over the arrays."""

    __slots__ = ("_ids", "_new_ids", "_new_places", "_places", "_size")

    def __init__(self, limit: int) -> None:
        self._ids = np.zeros(0, dtype=np.int32)
        self._places = np.full((0, limit), -1, dtype=np.int64)
        self._size = 0  # pairs in the large part: the first rows of _ids and _places
        self._new_ids = self._ids
        self._new_places = self._places

    @property
    def ids(self) -> NDArray[np.int32]:
        """The term ids of the large part, sorted (all of them after :meth:`fold`)."""
        return self._ids[: self._size]

    @property
    def places(self) -> Refs:
        """Their places: one row per term of :attr:`ids`, one column per use."""
        return self._places[: self._size]

    def __len__(self) -> int:
        return self._size + len(self._new_ids)

    def add(self, ids: NDArray[np.int32], uses: Refs, start: int) -> tuple[Refs, int]:
        """Fill each term's free places with an article's ``uses`` (one row per term of
        ``ids``, distinct: the sentences of its first uses in order, -1 past its count); ids
        from ``start`` on are new to the vocabulary. The sentences placed (once per place) and
        the number of terms new to the group are returned."""
        limit = self._places.shape[1]
        known = np.flatnonzero(ids < start)  # the others are held by no group
        found = ((self.places, np.full(len(ids), -1, dtype=np.intp)),
                 (self._new_places, np.full(len(ids), -1, dtype=np.intp)))  # fmt: skip
        found[0][1][known] = rows_of(self.ids, ids[known])
        found[1][1][known] = rows_of(self._new_ids, ids[known])
        kept = np.zeros(len(ids), dtype=np.intp)  # places the group holds for each term
        for places, rows in found:
            hit = rows >= 0
            kept[hit] = np.count_nonzero(places[rows[hit]] >= 0, axis=1)
        # Use r of a term with k places kept goes to place k + r.
        placed = (kept[:, None] + np.arange(uses.shape[1]) < limit) & (uses >= 0)
        for places, rows in found:
            for rank in range(uses.shape[1]):
                fill = np.flatnonzero(placed[:, rank] & (rows >= 0))
                places[rows[fill], kept[fill] + rank] = uses[fill, rank]
        fresh = (found[0][1] < 0) & (found[1][1] < 0) & placed[:, 0]
        entering = np.full((len(ids), limit), -1, dtype=np.int64)
        entering[:, : uses.shape[1]] = np.where(placed, uses, -1)
        inside = np.flatnonzero(fresh & (ids < start))
        if len(inside):
            new_ids = np.concatenate([self._new_ids, ids[inside]])
            order = np.argsort(new_ids, kind="stable")
            self._new_ids = new_ids[order]
            self._new_places = np.concatenate([self._new_places, entering[inside]])[order]
            if len(self._new_ids) >= max(PENDING_PAIRS, self._size >> 4):
                self.fold()
        after = np.flatnonzero(fresh & (ids >= start))
        if len(after):
            after = after[np.argsort(ids[after], kind="stable")]
            self._append(ids[after], entering[after])
        return uses[placed], len(inside) + len(after)

    def _append(self, ids: NDArray[np.int32], places: Refs) -> None:
        """Append pairs whose ids are above every id held, in order."""
        size, end = self._size, self._size + len(ids)
        if end > len(self._ids):
            room = max(end + end // 2, 1024)
            grown_ids = np.zeros(room, dtype=np.int32)
            grown_places = np.full((room, self._places.shape[1]), -1, dtype=np.int64)
            grown_ids[:size], grown_places[:size] = self.ids, self.places
            self._ids, self._places = grown_ids, grown_places
        self._ids[size:end], self._places[size:end] = ids, places
        self._size = end

    def fold(self) -> None:
        """Merge the small sorted part into the large one."""
        if len(self._new_ids):
            at = np.searchsorted(self.ids, self._new_ids) + np.arange(len(self._new_ids))
            size = self._size + len(self._new_ids)
            inside = np.ones(size, dtype=bool)
            inside[at] = False
            ids = np.zeros(size + size // 2, dtype=np.int32)
            places = np.full((len(ids), self._places.shape[1]), -1, dtype=np.int64)
            ids[at], places[at] = self._new_ids, self._new_places
            ids[:size][inside], places[:size][inside] = self.ids, self.places
            self._ids, self._places, self._size = ids, places, size
            self._new_ids, self._new_places = self._new_ids[:0], self._new_places[:0]

    def keep(self, kept: NDArray[np.bool_], ids: NDArray[np.integer] | None = None) -> Refs:
        """Keep the pairs of :attr:`ids` (after :meth:`fold`) where ``kept`` is true, under
        ``ids`` (their ids renumbered) when given; the sentences of the places forgotten."""
        places = self.places
        gone = places[~kept].ravel()
        self._ids = (self.ids if ids is None else ids)[kept].astype(np.int32)
        self._places = places[kept]
        self._size = len(self._ids)
        return gone


class SentenceTexts:
    """The text of each sentence some candidate refers to, and the id of its article: each
    sentence's references are counted (once per place or name key that holds it), and its text
    is dropped when they fall to zero, an article's id with its last sentence."""

    __slots__ = ("_counts", "_keys", "_new", "article_ids", "texts")

    def __init__(self) -> None:
        self.texts: dict[int, str] = {}  # sentence -> its text
        self.article_ids: dict[int, str] = {}  # article number -> its id
        self._keys = np.zeros(0, dtype=np.int64)  # sentences referred to, sorted
        self._counts = np.zeros(0, dtype=np.int64)  # their references
        self._new: list[tuple[Refs, Refs]] = []  # later articles' (sentences, references)

    def refer(self, article: int, article_id: str, sentences: dict[int, str],
              used: NDArray[np.int64]) -> None:  # fmt: skip
        """Count the references to ``article``'s sentences (``used``: their indexes, once per
        reference); each is a later article than those referred to before."""
        if not len(used):
            return
        indexes, counts = np.unique(used, return_counts=True)
        keys = indexes + article * ARTICLE
        self._new.append((keys, counts))
        self.article_ids[article] = article_id
        # A sentence of symbols only ("\u00b2 \u00b3") has no sentiment row: no text to show.
        texts = map(sentences.get, indexes.tolist(), repeat(""))
        self.texts.update(zip(keys.tolist(), texts, strict=True))

    def release(self, refs: Refs) -> None:
        """Take back one reference per entry of ``refs`` (-1: none)."""
        refs = refs[refs >= 0]
        if not len(refs):
            return
        if self._new:
            self._keys = np.concatenate([self._keys, *(k for k, _c in self._new)])
            self._counts = np.concatenate([self._counts, *(c for _k, c in self._new)])
            self._new = []
        keys, counts = np.unique(refs, return_counts=True)
        at = np.searchsorted(self._keys, keys)
        self._counts[at] -= counts
        gone = at[self._counts[at] == 0]
        if not len(gone):
            return
        dropped = self._keys[gone]
        for key in dropped.tolist():
            del self.texts[key]
        kept = np.ones(len(self._keys), dtype=bool)
        kept[gone] = False
        self._keys, self._counts = self._keys[kept], self._counts[kept]
        articles = np.unique(dropped // ARTICLE)
        left = np.searchsorted(self._keys, (articles + 1) * ARTICLE) - np.searchsorted(
            self._keys, articles * ARTICLE
        )
        for article in articles[left == 0].tolist():
            del self.article_ids[article]
