"""What the report's article view shows of one scored article, apart from the score itself.

The view needs the article, its term hits and where its most positive and most negative
sentences are; nothing else of the score. Keeping only that lets a re-run show an article whose
matches an edit did not touch without loading its whole score again (see
:mod:`framing.rerun.articles`).
"""

from __future__ import annotations

from dataclasses import dataclass

from framing.model import Article, ArticleScore, TermHit

MOST_POSITIVE = "most-positive"
MOST_NEGATIVE = "most-negative"


@dataclass(frozen=True)
class FlaggedSentence:
    """The most positive or most negative sentence of an article: its field ("title" or
    "text"), its character offsets into that field, and ``mark`` (:data:`MOST_POSITIVE` or
    :data:`MOST_NEGATIVE`)."""

    field: str
    start: int
    end: int
    mark: str


@dataclass(frozen=True)
class ArticleView:
    """One article as the article view shows it: its hits in text order, and its flagged
    sentences in sentence order (none when one sentence is both the most positive and the most
    negative)."""

    article: Article
    terms: tuple[TermHit, ...]
    flagged: tuple[FlaggedSentence, ...]


def article_view(score: ArticleScore) -> ArticleView:
    """The :class:`ArticleView` of ``score``."""
    sentiment = score.sentiment
    marks = {sentiment.most_positive: MOST_POSITIVE, sentiment.most_negative: MOST_NEGATIVE}
    if sentiment.most_positive == sentiment.most_negative:
        marks = {}
    flagged = tuple(
        FlaggedSentence(s.field, s.start, s.end, marks[s.index])
        for s in sentiment.sentences
        if s.index in marks
    )
    return ArticleView(score.article, score.terms, flagged)
