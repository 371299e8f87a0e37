"""Tone toward a named actor: the sentiment of the words tied to its mention, not the sentence.

The mean VADER compound of the sentences that name an actor mostly measures what else happens in
those sentences: "Amid floods that killed dozens, the mayor met rescuers" is very negative, and
says nothing bad about the mayor. This module keeps VADER's lexicon and its per-word rules
(boosters, negation, capitals, "but"; Hutto & Gilbert 2014) and changes which words count: only
the sentiment-bearing words tied to the mention, by rules on words and punctuation (no parser):

- **Clauses.** A sentence is cut into units at ";", ":", dashes, "but", "yet", "while",
  "whereas", "although", "though", "however" and ", and"; an opening phrase before the first
  comma that names no actor ("Amid the worst floods in years, ...") is a unit of its own. A
  relative clause (", who ...,", ", whose ...,", ", which ...,") belongs to the word before its
  comma: to the actor when that word is its name, to nobody otherwise. A unit that names no actor
  but has a pronoun ("..., but she has since won praise") belongs to the last actor named before
  it. Quotations are units of their own; a quote that names no actor and follows a name is read
  as said about it ("called Marlow 'fair and brave'"). A word quoted alone is a scare quote and
  counts as neither praise nor blame.
- **Nearest name.** Within a unit each word belongs to the nearest actor named in it (ties go to
  the name before the word, usually the subject), so words closer to another actor are that
  actor's. Words weigh 1 up to four words from the name and fade to 0 at twelve.
- **Modifiers.** A name joined by a hyphen to another word ("the UN-backed government",
  "anti-Isis forces") describes that word; the actor takes no words there.
- **Speakers.** An actor that says or judges ("Orten said ...", "Orten condemned the attack",
  "..., Diaz told reporters") gets nothing from what it says: the verb and its content belong to
  the actor the judgement is aimed at when that actor is named right after the verb ("Lind
  condemned Vesk"), and to nobody otherwise.
- **Victims.** An actor that "was the victim of" or "the target of" something gets nothing from
  what follows.
- **Harm.** Verbs of physical harm ("killed", "attacked") count against the actor that does
  them, never against the one they are done to ("Rusk was injured", "gunmen killed Okafor's
  brother"); nouns of violence and disaster ("war", "crisis", "death") count only against an
  actor that owns them ("Vesk's attack").

The result per mention is the weighted sum of VADER valences of its words; a sentence's tone
toward an actor is that sum over the actor's mentions in the sentence, normalized as VADER
normalizes a sentence (x / sqrt(x^2 + 15)), in [-1, 1]; 0 when no word is tied to the actor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from vaderSentiment.vaderSentiment import normalize

from framing.model import ActorMention
from framing.scoring.clauses import (
    HYPHENS,
    PASSIVE_AUXILIARIES,
    Layout,
    Words,
    clause_layout,
    find_speakers,
    name_words,
    quote_units,
    speaker_content,
    split_words,
    word_set,
)
from framing.text.records import with_fields

_PRONOUNS = frozenset(["he", "she", "his", "her", "him", "they", "their", "them", "its", "it"])
# Verbs of physical harm, counted against their doer only.
_HARM_VERBS = word_set(
    """kill kills killed killing murder murders murdered murdering attack attacks attacked
    attacking injure injures injured injuring wound wounds wounded wounding shoot shoots shot
    shooting bomb bombs bombed bombing shell shells shelled shelling torture tortures tortured
    torturing abuse abuses abused abusing assault assaults assaulted assaulting destroy destroys
    destroyed destroying burn burns burned burning burnt loot looted looting massacre massacred
    hurt hurts hurting threaten threatens threatened threatening harass harassed harassing beat
    beats beating beaten damage damaged damaging terrorize terrorized terrorise
    terrorised"""
)
# Nouns and adjectives of violence, loss and disaster: the setting of an event, not a judgement
# of whoever is near it, unless the actor owns them.
_EVENT_WORDS = word_set(
    """war wars crisis crises disaster disasters violence violent death deaths dead die died
    dying threat threats terror tragedy tragic tragedies killings murders massacres victim
    victims casualties losses loss grief grieving panic fear fears chaos emergency catastrophe
    catastrophic deadly fatal devastating devastation destruction pain painful suffering
    conflict fighting fight battle bloodshed crash accident injuries funeral mourning poverty
    recession unemployment disease diseases cancer epidemic pandemic outbreak ruined ruins
    hunger famine"""
)
_FULL_WEIGHT_DISTANCE = 4
_ZERO_WEIGHT_DISTANCE = 12
_OBJECT_DISTANCE = 3  # how far after a judging verb its object may be named


@dataclass(frozen=True)
class NamedSpan:
    """An actor's name in a sentence: character offsets into the sentence text."""

    actor: str
    start: int
    end: int


# VADER valences of a sentence's whitespace-separated words, in order.
Valences = Callable[[str], list[float]]


def mention_valences(
    text: str, names: Sequence[NamedSpan], valences: Valences
) -> tuple[float, ...]:
    """The summed, weighted VADER valence of the words tied to each name, in VADER's units
    (a single lexicon word is about -4 to +4); 0.0 for a name with no such word.

    ``names`` are every actor's names in the sentence, so that words nearer another actor are
    left to it; see the module docstring for the rules.
    """
    if not names:
        return ()
    word_valences = valences(text)
    if not any(word_valences):  # most sentences: nothing to tie to anyone
        return (0.0,) * len(names)
    tokens = split_words(text)
    if len(word_valences) != len(tokens.raw):
        return (0.0,) * len(names)
    lowered = tokens.lowered
    if "but" in lowered:  # VADER's contrast rule: what follows "but" weighs more
        pivot = lowered.index("but")
        word_valences = [
            v * (0.5 if i < pivot else 1.5 if i > pivot else 1.0)
            for i, v in enumerate(word_valences)
        ]
    mentions = name_words(text, [(name.start, name.end) for name in names])
    mention_of = {i: m for m, indexes in enumerate(mentions) for i in indexes}
    # A name joined by a hyphen to another word ("UN-backed government", "anti-Isis forces")
    # modifies that word: the actor is not a participant, so it takes no words.
    for m, name in enumerate(names):
        before = text[name.start - 1 : name.start] if name.start else ""
        after = text[name.end : name.end + 2]
        if before in HYPHENS or (after[:1] in HYPHENS and after[1:].isalpha()):
            mentions[m] = set()
    quote_of, scare = quote_units(tokens)
    layout = clause_layout(tokens, quote_of, mention_of)
    unit = layout.unit
    speakers = find_speakers(tokens, mentions, unit)
    content = speaker_content(tokens, mentions, speakers, unit)
    sums = [0.0] * len(names)
    for i, valence in enumerate(word_valences):
        if not valence or i in mention_of or i in scare:
            continue
        owner, weight = _owner(i, tokens, mentions, unit, layout, speakers, content, quote_of)
        if owner is not None:
            sums[owner] += weight * valence
    return tuple(sums)


def _distance(i: int, indexes: set[int]) -> int:
    first, last = min(indexes), max(indexes)
    return first - i if i < first else i - last


def _weight(distance: int) -> float:
    if distance <= _FULL_WEIGHT_DISTANCE:
        return 1.0
    span = _ZERO_WEIGHT_DISTANCE - _FULL_WEIGHT_DISTANCE
    return max(0.0, 1.0 - (distance - _FULL_WEIGHT_DISTANCE) / span)


def _owner(
    i: int,
    tokens: Words,
    mentions: Sequence[set[int]],
    unit: Sequence[int],
    layout: Layout,
    speakers: dict[int, int],
    content: dict[int, set[int]],
    quote_of: Sequence[int | None],
) -> tuple[int | None, float]:
    """The mention a valenced word belongs to, and the word's weight."""
    word = tokens.lowered[i]
    speaking = {m for m, words in content.items() if i in words}
    if i in speakers.values():  # a judging verb goes to the actor named right after it
        after = [
            m
            for m, indexes in enumerate(mentions)
            if indexes and 0 < min(indexes) - i <= _OBJECT_DISTANCE and m not in speaking
        ]
        return (min(after, key=lambda m: min(mentions[m])), 1.0) if after else (None, 0.0)
    candidates = [
        m
        for m, indexes in enumerate(mentions)
        if indexes and unit[min(indexes)] == unit[i] and m not in speaking
    ]
    if not candidates:
        return _unnamed_unit_owner(i, tokens, mentions, unit, layout, speaking, quote_of)
    if word in _HARM_VERBS:
        return _doer(i, tokens, mentions, candidates)
    if word in _EVENT_WORDS:
        return _possessor(i, tokens, mentions, candidates)
    best = min(candidates, key=lambda m: (_distance(i, mentions[m]), min(mentions[m]) > i))
    return best, _weight(_distance(i, mentions[best]))


def _unnamed_unit_owner(
    i: int,
    tokens: Words,
    mentions: Sequence[set[int]],
    unit: Sequence[int],
    layout: Layout,
    speaking: set[int],
    quote_of: Sequence[int | None],
) -> tuple[int | None, float]:
    """Owners of units that name no actor: relative clauses, quotes said about an actor, and
    clauses that refer back with a pronoun."""
    word = tokens.lowered[i]
    here = unit[i]
    owner: int | None = layout.unit_owner.get(here)
    if owner is None:
        start = min(j for j, u in enumerate(unit) if u == here)
        earlier = [
            m
            for m, indexes in enumerate(mentions)
            if indexes and max(indexes) < start and m not in speaking
        ]
        if earlier:
            last = max(earlier, key=lambda m: max(mentions[m]))
            members = [j for j, u in enumerate(unit) if u == here]
            if quote_of[i] is not None or any(tokens.lowered[j] in _PRONOUNS for j in members):
                owner = last
    if owner is None or (word in _HARM_VERBS and not _active_after(i, tokens, unit)):
        return None, 0.0
    if word in _EVENT_WORDS:
        return None, 0.0
    return owner, 1.0


def _active_after(i: int, tokens: Words, unit: Sequence[int]) -> bool:
    """Whether a harm verb in a unit without a name is active (its doer is the unit's subject)."""
    before = [tokens.lowered[j] for j in range(max(0, i - 2), i) if unit[j] == unit[i]]
    return not any(word in PASSIVE_AUXILIARIES for word in before)


def _doer(
    i: int, tokens: Words, mentions: Sequence[set[int]], candidates: list[int]
) -> tuple[int | None, float]:
    """A harm verb counts against the actor named before it in active voice, or after "by"."""
    before = [m for m in candidates if max(mentions[m]) < i]
    if before:
        m = max(before, key=lambda m: max(mentions[m]))
        between = [tokens.lowered[j] for j in range(max(mentions[m]) + 1, i)]
        if not any(word in PASSIVE_AUXILIARIES for word in between):
            return m, _weight(_distance(i, mentions[m]))
    after = [m for m in candidates if min(mentions[m]) > i]
    if after:
        m = min(after, key=lambda m: min(mentions[m]))
        between = [tokens.lowered[j] for j in range(i + 1, min(mentions[m]))]
        if "by" in between:
            return m, _weight(_distance(i, mentions[m]))
    return None, 0.0


def _possessor(
    i: int, tokens: Words, mentions: Sequence[set[int]], candidates: list[int]
) -> tuple[int | None, float]:
    """An event word counts against an actor only in "Vesk's attack", "the Front's violence"."""
    for m in candidates:
        last = max(mentions[m])
        owns = tokens.raw[last].rstrip(",.;:").endswith(("'s", "\u2019s", "s'"))
        if owns and 0 < i - last <= 2:
            return m, 1.0
    return None, 0.0


def sentence_tone(valence: float) -> float:
    """A summed valence as a score in [-1, 1], normalized as VADER normalizes a sentence
    (Hutto & Gilbert 2014): x / sqrt(x^2 + 15)."""
    return float(normalize(valence)) if valence else 0.0


class LocatedSentence(Protocol):
    """A sentence with its place in the article (a ``SentenceSpan`` or a scored ``Sentence``)."""

    @property
    def index(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def text(self) -> str: ...


def tone_mentions(
    sentences: Iterable[LocatedSentence], mentions: Sequence[ActorMention], valences: Valences
) -> tuple[ActorMention, ...]:
    """``mentions`` with ``tone_valence`` set: the weighted VADER valence of the words tied to
    each mention, every actor named in the sentence taking its own words (see
    :func:`mention_valences`). Only sentences that name an actor are read."""
    if not mentions:
        return ()
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for position, mention in enumerate(mentions):
        by_sentence[mention.sentence_index].append(position)
    toned = list(mentions)
    for sentence in sentences:
        positions = by_sentence.get(sentence.index)
        if not positions:
            continue
        names = [
            NamedSpan(
                mentions[p].actor,
                mentions[p].start - sentence.start,
                mentions[p].end - sentence.start,
            )
            for p in positions
        ]
        for p, valence in zip(
            positions, mention_valences(sentence.text, names, valences), strict=True
        ):
            if valence:
                toned[p] = with_fields(ActorMention, {**vars(mentions[p]), "tone_valence": valence})
    return tuple(toned)
