"""Frozen records made in bulk, without the dataclass ``__init__``'s call per field.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (frozen
instances refuse their own ``__setattr__``): about 2 microseconds for a record of nine fields.
Scoring makes several hundred records per article (sentences, their scores, mentions), so the
makers here give the instance its whole ``__dict__`` at once, in the fields' order, which is
what ``__init__`` leaves (about 0.7 microseconds). They are only for dataclasses without
``__post_init__`` or ``__slots__``, and every field is given; ``tests/test_records.py`` checks
that each maker's record equals, hashes, prints and pickles as the class's own.
"""

from __future__ import annotations

from typing import Any

from framing.model import ActorMention, Sentence, TermHit

_new = object.__new__
_set = object.__setattr__


def sentence(
    index: int, field: str, start: int, end: int, text: str,
    compound: float, positive: float, negative: float, neutral: float,
) -> Sentence:  # fmt: skip
    """``Sentence(index, field, start, end, text, compound, positive, negative, neutral)``."""
    made: Sentence = _new(Sentence)
    _set(made, "__dict__", {
        "index": index, "field": field, "start": start, "end": end, "text": text,
        "compound": compound, "positive": positive, "negative": negative, "neutral": neutral,
    })  # fmt: skip
    return made


def term_hit(
    concept: str, variant: str, connotation: str, matched_text: str, field: str,
    start: int, end: int, sentence_index: int, target: str = "", scope: str = "",
) -> TermHit:  # fmt: skip
    """``TermHit(...)`` with the same arguments."""
    made: TermHit = _new(TermHit)
    _set(made, "__dict__", {
        "concept": concept, "variant": variant, "connotation": connotation,
        "matched_text": matched_text, "field": field, "start": start, "end": end,
        "sentence_index": sentence_index, "target": target, "scope": scope,
    })  # fmt: skip
    return made


def actor_mention(
    actor: str, matched_text: str, field: str, start: int, end: int, sentence_index: int,
    tone_valence: float = 0.0,
) -> ActorMention:  # fmt: skip
    """``ActorMention(...)`` with the same arguments."""
    made: ActorMention = _new(ActorMention)
    _set(made, "__dict__", {
        "actor": actor, "matched_text": matched_text, "field": field, "start": start,
        "end": end, "sentence_index": sentence_index, "tone_valence": tone_valence,
    })  # fmt: skip
    return made


def with_fields(cls: type[Any], values: dict[str, Any]) -> Any:
    """An instance of the frozen dataclass ``cls`` whose ``__dict__`` is ``values`` (every
    field, in the fields' order; the dictionary is taken, not copied)."""
    made = _new(cls)
    _set(made, "__dict__", values)
    return made
