"""Align the sentences of one story's articles: for each sentence, the closest sentence of every
other outlet's article, or "not reported", with the words that differ.

Sentences are compared by the cosine of their TF-IDF vectors fitted on the story's sentences
(content words only, so "said" and "the" do not make two sentences alike). A counterpart needs a
cosine of at least ``SENTENCE_THRESHOLD``. The differing words come from a word-level diff
(Ratcliff/Obershelp matching, Python's ``difflib``) of the two sentences, stop words left out.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

import numpy as np

from framing.stories.model import AlignedSentence, SentenceMatch
from framing.text.segment import segment

SENTENCE_THRESHOLD = 0.3
# Words with their inner apostrophes, so "don't" stays one word and matches the stop list.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def body_sentences(title: str, text: str) -> list[tuple[int, str, list[str]]]:
    """``(index, text, words)`` of the body's sentences (the headline is shown apart)."""
    return [
        (span.index, span.text, [token.text for token in span.tokens])
        for span in segment(title, text)
        if span.field == "text" and span.tokens
    ]


def align_story(
    story_id: str,
    members: Sequence[tuple[str, str]],
    texts: Mapping[str, tuple[str, str]],
    stopwords: frozenset[str],
) -> list[AlignedSentence]:
    """Every body sentence of every member article with its counterparts.

    ``members`` are ``(article id, outlet)`` pairs; ``texts`` maps an article id to its
    ``(title, text)``. Articles whose text is not given are left out.
    """
    present = [(article_id, outlet) for article_id, outlet in members if article_id in texts]
    sentences = {article_id: body_sentences(*texts[article_id]) for article_id, _ in present}
    flat = [(article_id, s) for article_id, _ in present for s in sentences[article_id]]
    if not flat:
        return []
    vectors = _vectors([" ".join(words) for _id, (_i, _t, words) in flat], stopwords)
    offsets: dict[str, int] = {}
    position = 0
    for article_id, _outlet in present:
        offsets[article_id] = position
        position += len(sentences[article_id])
    aligned = []
    for article_id, outlet in present:
        start = offsets[article_id]
        for number, (index, text, words) in enumerate(sentences[article_id]):
            matches = []
            for other_id, other_outlet in present:
                if other_id == article_id:
                    continue
                matches.append(
                    _best_match(
                        vectors,
                        start + number,
                        offsets[other_id],
                        sentences[other_id],
                        words,
                        (other_id, other_outlet),
                        stopwords,
                    )
                )
            aligned.append(
                AlignedSentence(story_id, article_id, outlet, index, text, tuple(matches))
            )
    return aligned


def _vectors(documents: list[str], stopwords: frozenset[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    def content_words(document: str) -> list[str]:
        return [w for w in _WORD.findall(document.lower()) if w not in stopwords]

    vectorizer = TfidfVectorizer(analyzer=content_words, sublinear_tf=True)
    try:
        return np.asarray(vectorizer.fit_transform(documents).toarray(), dtype=np.float64)
    except ValueError:  # only stop words: nothing to compare
        return np.zeros((len(documents), 1))


def _best_match(
    vectors: np.ndarray,
    row: int,
    other_start: int,
    other_sentences: list[tuple[int, str, list[str]]],
    words: list[str],
    other: tuple[str, str],
    stopwords: frozenset[str],
) -> SentenceMatch:
    other_id, other_outlet = other
    if not other_sentences:
        return SentenceMatch(other_outlet, other_id, None, 0.0, "", (), ())
    block = vectors[other_start : other_start + len(other_sentences)]
    scores = block @ vectors[row]
    best = int(np.argmax(scores))  # the first of equals: deterministic
    similarity = float(scores[best])
    if similarity < SENTENCE_THRESHOLD:
        return SentenceMatch(other_outlet, other_id, None, round(similarity, 6), "", (), ())
    index, text, other_words = other_sentences[best]
    here, there = differing_words(words, other_words, stopwords)
    return SentenceMatch(other_outlet, other_id, index, round(similarity, 6), text, here, there)


def differing_words(
    words: Sequence[str], other: Sequence[str], stopwords: frozenset[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Content words of ``words`` outside the parts it shares with ``other``, and the reverse,
    each in order of appearance."""
    lowered = [w.lower() for w in words]
    other_lowered = [w.lower() for w in other]
    matcher = difflib.SequenceMatcher(a=lowered, b=other_lowered, autojunk=False)
    kept_here = [False] * len(words)
    kept_there = [False] * len(other)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            kept_here[block.a + offset] = True
            kept_there[block.b + offset] = True

    def content(source: Sequence[str], kept: list[bool]) -> tuple[str, ...]:
        return tuple(
            word for word, same in zip(source, kept, strict=True)
            if not same and word.lower() not in stopwords
        )  # fmt: skip

    return content(words, kept_here), content(other, kept_there)
