"""Words and 2-3-word phrases: counted per article, and shown in context.

:func:`count_terms` gives an article's counts (the input of the vocabulary profile,
:mod:`framing.compare.vocabulary`); :func:`distinguishing_terms` ranks each group's terms against
the rest (:mod:`framing.compare.ranking`) and shows the top ones in context, from the sentences
kept while counting (:mod:`framing.compare.examples`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import compress, pairwise
from operator import and_, not_

import numpy as np
from numpy.typing import NDArray

from framing.compare.model import DistinguishingTerm, KeywordInContext
from framing.compare.ranking import as_result, rank_matrix
from framing.compare.vocabulary import VocabularyProfile
from framing.model import TERM_SEPARATOR, TermCounts
from framing.scoring.readability import written_words
from framing.settings import CompareSettings
from framing.text.boilerplate import boilerplate_spans
from framing.text.segment import Token, tokenize

MAX_PHRASE_WORDS = 3
_DIGIT = re.compile(r"\d")
_CONTEXT_WORDS = 6


def count_terms(
    sentences: Iterable[tuple[str, int, Sequence[Token]]], stopwords: frozenset[str]
) -> tuple[tuple[str, int], ...]:
    """How often each word and phrase occurs in an article's sentences, by term; the counts the
    vocabulary profile adds up per group.

    Each sentence is given as ``(text, offset of text, tokens)`` with the tokens' offsets in the
    same frame as ``offset``. Words inside boilerplate (datelines, agency tags, bylines, credit
    lines, addresses; see :func:`~framing.text.boilerplate.boilerplate_spans`) are not counted,
    and neither are stop words (alone, or at either end of a phrase) or numbers (any word with
    a digit); no phrase spans a number or boilerplate.
    """
    # The article's words in one list, two breaks standing for each number, word of boilerplate
    # and sentence end: a phrase of up to three words that contains a break then has one at an
    # end, where a stop word would be, so the terms are the same as _terms gives each sentence,
    # counted with C-level loops over the whole article instead of Python loops per word.
    words, _sizes = _article_words(sentences)
    ends = list(map(not_, map(_not_at_ends(stopwords).__contains__, words)))
    counts: Counter[str] = Counter(compress(words, ends))
    pairs = compress(pairwise(words), map(and_, ends, ends[1:]))
    counts.update(map(" ".join, pairs))
    runs = zip(words, words[1:], words[2:], strict=False)
    triples = compress(runs, map(and_, ends, ends[2:]))
    counts.update(map(" ".join, triples))
    return tuple(sorted(counts.items()))


def count_terms_with_uses(
    sentences: Iterable[tuple[str, int, Sequence[Token]]], stopwords: frozenset[str], limit: int
) -> TermCounts:
    """:func:`count_terms` of an article's sentences and the sentences of each term's first
    ``limit`` uses (at least one; numbered from 0 in the order given), as a
    :class:`~framing.model.TermCounts`.

    The words are numbered once per article; the terms are then found as runs of word numbers
    with NumPy, and only the distinct ones are joined into strings (an article repeats many of
    its words and phrases)."""
    words, sizes = _article_words(sentences)
    ranks = max(limit, 1)  # as before: the first uses even for a limit of 0
    distinct = list(dict.fromkeys(words))
    number = dict(zip(distinct, range(len(distinct)), strict=True))
    ids = np.fromiter(map(number.__getitem__, words), np.int64, len(words))
    ends = np.fromiter(map(_not_at_ends(stopwords).__contains__, distinct), bool, len(distinct))
    can_end = ~ends[ids]
    # A term of one, two or three words starts wherever its first and last word may end one: a
    # break inside a three-word run has another beside it (breaks come in pairs).
    starts = (
        np.flatnonzero(can_end),
        np.flatnonzero(can_end[:-1] & can_end[1:]),
        np.flatnonzero(can_end[:-2] & can_end[2:]),
    )
    texts: list[str] = []
    found: list[NDArray[np.int64]] = []  # each use's term, by size
    for size, first in enumerate(starts, 1):
        parts = [ids[first + k] for k in range(size)]
        order = np.lexsort(parts[::-1])
        new = np.zeros(len(order), bool)  # where a term starts, in that order
        new[:1] = True
        for part in parts:
            in_order = part[order]
            new[1:] |= in_order[1:] != in_order[:-1]
        term_of = np.empty(len(order), np.int64)
        term_of[order] = np.cumsum(new) - 1 + len(texts)
        found.append(term_of)
        named = [map(distinct.__getitem__, part[order[new]].tolist()) for part in parts]
        texts += map(" ".join, zip(*named, strict=True)) if size > 1 else named[0]
    return _term_counts(texts, np.concatenate(found),
                        np.repeat(np.arange(len(sizes)), sizes)[np.concatenate(starts)],
                        ranks)  # fmt: skip


def _term_counts(
    texts: list[str], found: NDArray[np.int64], where: NDArray[np.int64], ranks: int
) -> TermCounts:
    """The :class:`TermCounts` of the distinct terms ``texts`` whose uses are ``found`` (each
    use's term) in the sentences ``where``."""
    counts = np.bincount(found, minlength=len(texts))
    # Each term's uses in sentence order; the first `ranks` of them are its first uses.
    by_term = np.lexsort((where, found))
    rank = np.arange(len(found)) - np.repeat(np.cumsum(counts) - counts, counts)
    first = rank < ranks
    uses = np.full(len(texts) * ranks, -1, "<i4")
    uses[found[by_term][first] * ranks + rank[first]] = where[by_term][first]
    text = TERM_SEPARATOR.join(texts)
    if text.count(TERM_SEPARATOR) != max(len(texts) - 1, 0):
        raise ValueError(f"a term holds {TERM_SEPARATOR!r}: {text!r:.200}")
    return TermCounts(text, counts.astype("<i4").tobytes(), uses.tobytes(), ranks)


_BREAK = ""  # no written word is empty
_BREAKS = (_BREAK, _BREAK)


@lru_cache(maxsize=4)
def _not_at_ends(stopwords: frozenset[str]) -> frozenset[str]:
    """What cannot be a term's first or last word: the stop words and the break."""
    return stopwords | {_BREAK}


def _article_words(
    sentences: Iterable[tuple[str, int, Sequence[Token]]],
) -> tuple[list[str], list[int]]:
    """The written words of an article's sentences, lower-cased, with two breaks in place of
    each word that does not count (a number or a word inside boilerplate, see
    :func:`_raw_words`) and two after each sentence; and how many words (and breaks) each
    sentence gave.

    The words are gathered as written and lower-cased at once, in one string for the whole
    article: lower case is the same for the words one at a time and joined by spaces (a space
    is not part of a word for the final-sigma rule), and a break is an empty word between two
    spaces."""
    written: list[str] = []
    sizes: list[int] = []
    for text, offset, tokens in sentences:
        before = len(written)
        if boilerplate_spans(text) or _DIGIT.search(text) is not None:
            for word, is_word in _raw_words(tokens, text, offset):
                if is_word:
                    written.append(word)
                else:
                    written += _BREAKS
        elif tokens:
            written += written_words(tokens)
        written += _BREAKS
        sizes.append(len(written) - before)
    if not written:
        return [], sizes
    return " ".join(written).lower().replace("\u2019", "'").split(" "), sizes


def _raw_words(tokens: Sequence[Token], text: str, offset: int) -> list[tuple[str, bool]]:
    """``(word, counts as a word)`` for a sentence's written words as written (joined parts
    as :func:`~framing.scoring.readability.written_words` joins them): false for a number or a
    word inside boilerplate."""
    keys = written_words(tokens)
    spans = boilerplate_spans(text)
    if not spans:
        return [(word, _DIGIT.search(word) is None) for word in keys]
    starts = [token.start for i, token in enumerate(tokens) if not (token.joined and i)]
    return [
        (word, _DIGIT.search(word) is None and not any(a <= start - offset < b for a, b in spans))
        for word, start in zip(keys, starts, strict=True)
    ]


def _words(tokens: Sequence[Token], text: str, offset: int) -> list[tuple[str, bool]]:
    """:func:`_raw_words`, lower-cased."""
    return [
        (word.lower().replace("\u2019", "'"), counts)
        for word, counts in _raw_words(tokens, text, offset)
    ]


def _terms(
    words: list[tuple[str, bool]], stopwords: frozenset[str]
) -> Iterator[tuple[str, int, int, int]]:
    for first in range(len(words)):
        for size in range(1, MAX_PHRASE_WORDS + 1):
            last = first + size - 1
            if last >= len(words):
                break
            chunk = words[first : last + 1]
            if not all(is_word for _text, is_word in chunk):
                break
            if chunk[0][0] in stopwords or chunk[-1][0] in stopwords:
                continue
            yield " ".join(text for text, _ in chunk), size, first, last


def sentence_terms(sentence: str, stopwords: frozenset[str]) -> Iterator[tuple[str, int, int, int]]:
    """``(term, words, start, end)`` for the words and phrases of one sentence, as counted by
    :func:`count_terms` (no stop word at either end, no number, nothing from boilerplate)."""
    tokens = tokenize(sentence)
    words = _words(tokens, sentence, 0)
    spans = _word_spans(tokens)
    for term, size, first, last in _terms(words, stopwords):
        yield term, size, spans[first][0], spans[last][1]


def _word_spans(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if token.joined and spans:
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((token.start, token.end))
    return spans


ExampleSource = Iterable[tuple[str, str, Iterable[str]]]  # (group, article id, sentences)
# The examples of the wanted terms of each group: (group, term) -> examples.
TermExamples = Callable[[dict[str, set[str]]], dict[tuple[str, str], tuple[KeywordInContext, ...]]]


def distinguishing_terms(
    profile: VocabularyProfile, examples: TermExamples, settings: CompareSettings
) -> tuple[DistinguishingTerm, ...]:
    """The top over-used terms of each group of ``profile`` versus all other groups, with
    examples (see :mod:`framing.compare.ranking` for the method).

    ``examples`` gives the examples of the terms shown, given as a set of terms per group
    (:meth:`framing.compare.examples.ExampleCandidates.term_examples` picks them from the
    sentences kept while counting); it is called only when some term needs examples.
    """
    ranked = rank_matrix(profile.groups, profile.terms, profile.words, profile.counts,
                         profile.articles, profile.group_articles, settings, 2)  # fmt: skip
    wanted = {group: {c.term for c, _q in terms} for group, terms in ranked.items() if terms}
    found = examples(wanted) if wanted else {}
    return tuple(
        as_result(group, c, q, found.get((group, c.term), ()), settings)
        for group, terms in ranked.items()
        for c, q in terms
    )


def find_examples(
    source: ExampleSource,
    wanted: dict[str, set[str]],
    stopwords: frozenset[str],
    limit: int,
) -> dict[tuple[str, str], tuple[KeywordInContext, ...]]:
    """The first ``limit`` uses of each wanted term of each group, in input order, outside
    boilerplate; reading stops as soon as every term has its examples. ``source`` gives the
    sentences of each group's articles in input order: all of them, or any selection that
    holds each term's first ``limit`` uses (what :mod:`framing.compare.examples` keeps)."""
    found: dict[tuple[str, str], list[KeywordInContext]] = {
        (group, term): [] for group, terms in wanted.items() for term in terms
    }
    missing = {group: set(terms) for group, terms in wanted.items() if terms}
    # A sentence is split into terms only if it has the start of some wanted term: a search in
    # C that most sentences fail.
    screens = {group: _screen(terms) for group, terms in missing.items()}
    by_first = {group: _by_first_word(terms) for group, terms in missing.items()}
    for group, article_id, sentences in source:
        terms = missing.get(group)
        if not terms:
            continue
        screen = screens[group]
        for sentence in sentences:
            if not screen.search(sentence):
                continue
            for term, start, end in _wanted_in(sentence, by_first[group]):
                if term in terms and len(found[group, term]) < limit:
                    found[group, term].append(in_context(article_id, sentence, start, end))
                    if len(found[group, term]) == limit:
                        terms.discard(term)
        if not terms:
            del missing[group]
            if not missing:
                break
    return {key: tuple(examples) for key, examples in found.items()}


def _by_first_word(terms: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for term in sorted(terms):
        words = tuple(term.split(" "))
        by_first.setdefault(words[0], []).append(words)
    return by_first


def _wanted_in(
    sentence: str, by_first: dict[str, list[tuple[str, ...]]]
) -> Iterator[tuple[str, int, int]]:
    """``(term, start, end)`` for each wanted term in ``sentence``: the same matches as
    :func:`sentence_terms` gives for those terms, without building every other term."""
    tokens = tokenize(sentence)
    words = _words(tokens, sentence, 0)
    spans: list[tuple[int, int]] | None = None
    for first, (word, is_word) in enumerate(words):
        if not is_word or word not in by_first:
            continue
        for parts in by_first[word]:
            last = first + len(parts) - 1
            if last < len(words) and all(
                words[first + k] == (part, True) for k, part in enumerate(parts)
            ):
                spans = spans or _word_spans(tokens)
                yield " ".join(parts), spans[first][0], spans[last][1]


def _screen(terms: Iterable[str]) -> re.Pattern[str]:
    starts = sorted({re.split(r"[-' ]", term)[0] for term in terms})
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, starts)) + r")(?!\w)", re.IGNORECASE)


_WORD = re.compile(r"\S+")


def in_context(article_id: str, sentence: str, start: int, end: int) -> KeywordInContext:
    """The term at ``sentence[start:end]`` with up to six words either side, exactly as written
    (a cut is marked with an ellipsis)."""
    before = sentence[:start]
    starts = [m.start() for m in _WORD.finditer(before)]
    if len(starts) > _CONTEXT_WORDS:
        left = "\u2026 " + before[starts[-_CONTEXT_WORDS] :]
    else:
        left = before.lstrip()
    after = sentence[end:]
    ends = [m.end() for m in _WORD.finditer(after)]
    if len(ends) > _CONTEXT_WORDS:
        right = after[: ends[_CONTEXT_WORDS - 1]] + " \u2026"
    else:
        right = after.rstrip()
    return KeywordInContext(article_id, left, sentence[start:end], right)
