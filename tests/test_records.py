"""Records made without the dataclass __init__ are the records the class makes."""

from __future__ import annotations

import pickle
from dataclasses import fields, replace

from framing.model import ActorMention, Sentence, TermHit
from framing.text.records import actor_mention, sentence, term_hit, with_fields
from framing.text.segment import SentenceSpan, segment


def _same(made: object, expected: object) -> None:
    assert made == expected and expected == made
    assert hash(made) == hash(expected)
    assert repr(made) == repr(expected)
    assert type(made) is type(expected)
    assert vars(made) == vars(expected) and list(vars(made)) == list(vars(expected))
    assert pickle.dumps(made) == pickle.dumps(expected)
    assert pickle.loads(pickle.dumps(made)) == expected


def test_makers_make_the_class_records() -> None:
    values = (4, "text", 120, 188, "Ministers met in Brennmouth.", -0.4404, 0.0, 0.254, 0.746)
    _same(sentence(*values), Sentence(*values))
    hit = ("strike", "walkout", "negative", "walk-out", "title", 5, 13, 0)
    _same(term_hit(*hit), TermHit(*hit))
    _same(term_hit(*hit, "union", "names it"), TermHit(*hit, "union", "names it"))
    mention = ("okafor", "Maria Okafor", "text", 40, 52, 2)
    _same(actor_mention(*mention), ActorMention(*mention))
    _same(actor_mention(*mention, 1.25), ActorMention(*mention, 1.25))
    toned = with_fields(ActorMention, {**vars(ActorMention(*mention)), "tone_valence": -2.1})
    _same(toned, replace(ActorMention(*mention), tone_valence=-2.1))


def test_made_records_stay_frozen() -> None:
    made = sentence(0, "title", 0, 3, "Hi.", 0.0, 0.0, 0.0, 1.0)
    try:
        made.index = 3  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("a made record took a new value")


def test_segmented_sentences_are_the_class_records() -> None:
    title = "Rail strike: talks collapse as union rejects “final” offer"
    text = "Talks broke down on Friday. Ünal Şahin, 47, said: “No deal.”\n\n12,500\nWhy?"
    for span in segment(title, text):
        expected = SentenceSpan(
            *(getattr(span, f.name) for f in fields(SentenceSpan) if f.name != "held_tokens"),
            held_tokens=span.held_tokens,
        )
        _same(span, expected)
        assert span.tokens == expected.tokens
