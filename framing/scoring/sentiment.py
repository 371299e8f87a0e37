"""Sentence-level sentiment with VADER, aggregated per article and per named actor.

VADER (Hutto & Gilbert 2014) is tuned for short texts; its compound score saturates towards
+/-1 on a whole article, so each sentence is scored and the article is summarized by the mean
compound and the shares of positive and negative sentences. A sentence without any letter (a
bare number, a dateline) is not scored rather than given a fake neutral 0.0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Protocol

from framing.model import ActorMention, ActorSentiment, Sentence, Sentiment
from framing.text.segment import SentenceSpan


class PolarityScorer(Protocol):
    def polarity_scores(self, text: str) -> dict[str, float]: ...


class SentenceSentiment:
    """Scores sentences with one VADER analyzer, built on first use (it reads its lexicon)."""

    @cached_property
    def analyzer(self) -> PolarityScorer:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer: PolarityScorer = SentimentIntensityAnalyzer()
        return analyzer

    def score(self, sentences: Iterable[SentenceSpan]) -> tuple[Sentence, ...]:
        """VADER scores for every sentence that contains at least one letter."""
        scored = []
        for span in sentences:
            if all(token.text.isdigit() for token in span.tokens):
                continue
            scores = self.analyzer.polarity_scores(span.text)
            scored.append(
                Sentence(
                    index=span.index,
                    field=span.field,
                    start=span.start,
                    end=span.end,
                    text=span.text,
                    compound=scores["compound"],
                    positive=scores["pos"],
                    negative=scores["neg"],
                    neutral=scores["neu"],
                )
            )
        return tuple(scored)


def summarize(
    sentences: Sequence[Sentence], mentions: Iterable[ActorMention], threshold: float
) -> Sentiment:
    """Mean compound in [-1, 1], shares of positive/negative sentences in [0, 1], the most
    positive and most negative sentence (first on ties) and the mean compound per actor."""
    if not sentences:
        return Sentiment(
            sentences=(),
            compound_mean=None,
            positive_share=None,
            negative_share=None,
            most_positive=None,
            most_negative=None,
            reason="no sentence with words to score",
        )
    count = len(sentences)
    by_index = {sentence.index: sentence for sentence in sentences}
    most_positive = max(sentences, key=lambda s: (s.compound, -s.index))
    most_negative = min(sentences, key=lambda s: (s.compound, s.index))
    return Sentiment(
        sentences=tuple(sentences),
        compound_mean=sum(s.compound for s in sentences) / count,
        positive_share=sum(s.compound >= threshold for s in sentences) / count,
        negative_share=sum(s.compound <= -threshold for s in sentences) / count,
        most_positive=most_positive.index,
        most_negative=most_negative.index,
        actors=_actor_sentiment(by_index, mentions),
    )


def _actor_sentiment(
    by_index: dict[int, Sentence], mentions: Iterable[ActorMention]
) -> tuple[ActorSentiment, ...]:
    sentence_sets: dict[str, set[int]] = defaultdict(set)
    for mention in mentions:
        if mention.sentence_index in by_index:
            sentence_sets[mention.actor].add(mention.sentence_index)
    return tuple(
        ActorSentiment(
            actor=actor,
            sentences=len(indexes),
            compound_mean=sum(by_index[i].compound for i in indexes) / len(indexes),
        )
        for actor, indexes in sorted(sentence_sets.items())
    )
