from __future__ import annotations

from framing.model import ActorMention
from framing.scoring.sentiment import SentenceSentiment, summarize
from framing.text.segment import segment


def test_sentences_are_scored_one_by_one_and_averaged() -> None:
    scored = SentenceSentiment().score(
        segment("", "The talks were a great success. The attack killed dozens. 2011.")
    )
    assert len(scored) == 2  # the bare number is not scored
    result = summarize(scored, [], threshold=0.05)
    assert scored[0].compound > 0.5 and scored[1].compound < -0.5
    assert result.compound_mean == (scored[0].compound + scored[1].compound) / 2
    assert (result.positive_share, result.negative_share) == (0.5, 0.5)
    assert (result.most_positive, result.most_negative) == (0, 1)


def test_long_text_does_not_saturate() -> None:
    text = "The attack killed dozens. " + "The weather was mild and the talks were fine. " * 30
    scored = SentenceSentiment().score(segment("", text))
    result = summarize(scored, [], threshold=0.05)
    assert result.compound_mean is not None and -0.5 < result.compound_mean < 0.5


def test_no_sentences_is_none_with_a_reason() -> None:
    result = summarize((), [], threshold=0.05)
    assert result.compound_mean is None and result.reason == "no sentence with words to score"


def test_actor_sentiment_uses_the_sentences_that_mention_the_actor() -> None:
    scored = SentenceSentiment().score(
        segment("", "Haftar's brutal assault killed civilians. Italy welcomed the peace deal.")
    )
    mentions = [
        ActorMention("haftar", "Haftar", "text", 0, 6, 0),
        ActorMention("haftar", "Haftar", "text", 0, 6, 0),
        ActorMention("italy", "Italy", "text", 43, 48, 1),
    ]
    result = summarize(scored, mentions, threshold=0.05)
    by_actor = {a.actor: a for a in result.actors}
    assert by_actor["haftar"].sentences == 1
    assert by_actor["haftar"].compound_mean == scored[0].compound < 0
    assert by_actor["italy"].compound_mean == scored[1].compound > 0
