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

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple, Protocol

from vaderSentiment.vaderSentiment import normalize

from framing.model import ActorMention

_WORD = re.compile(r"\S+")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_OPENING_QUOTES = frozenset('"\u201c\u00ab')
_CLOSING_QUOTES = frozenset('"\u201d\u00bb')
_QUOTES = _OPENING_QUOTES | _CLOSING_QUOTES
_HYPHENS = frozenset("-\u2010\u2011")
# What may end the word before a clause or relative-clause boundary.
_BOUNDARY_ENDS = frozenset(",;:-\u2013\u2014")
_CLAUSE_WORDS = _word_set(
    """but yet while whereas although though however meanwhile after before amid amidst during
    despite because unless until"""
)
_RELATIVE_WORDS = frozenset(["who", "whose", "whom", "which", "where"])
_PRONOUNS = frozenset(["he", "she", "his", "her", "him", "they", "their", "them", "its", "it"])
_PASSIVE_AUXILIARIES = frozenset(
    ["was", "were", "is", "are", "been", "being", "be", "get", "got", "gets"]
)
# Verbs whose subject is a speaker or a judge: what follows is its view, not a view of it.
_SPEECH_VERBS = _word_set(
    """said says say saying told tells added adds stated states announced announces claimed
    claims insisted insists argued argues noted notes wrote writes tweeted declared declares
    warned warns vowed vows denied denies described describes called calls urged urges asked
    replied responded explained suggested admitted acknowledged confirmed promised pledged
    predicted praised praises hailed hails welcomed welcomes thanked thanks applauded applauds
    commended commends congratulated condemned condemns criticized criticised criticizes
    criticises denounced denounces blamed blames accused accuses slammed slams rejected rejects
    dismissed dismisses deplored deplores mourned mourns regretted questioned challenged
    lamented laments expressed expresses voiced voices stressed stresses emphasized emphasised
    emphasizes emphasises reiterated reiterates underscored underlined"""
)
_VICTIM_WORDS = _word_set("victim victims target targets subject object focus")
# Verbs of physical harm, counted against their doer only.
_HARM_VERBS = _word_set(
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
_EVENT_WORDS = _word_set(
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
_SPEAKER_DISTANCE = 3  # how far from a name its speech verb may be


@dataclass(frozen=True)
class NamedSpan:
    """An actor's name in a sentence: character offsets into the sentence text."""

    actor: str
    start: int
    end: int


_PUNCTUATION = ".,;:!?\"'()[]{}\u201c\u201d\u2018\u2019\u00ab\u00bb-\u2013\u2014"


class _Words(NamedTuple):
    """A sentence's whitespace-separated words (as VADER splits it) and their cores: stripped
    of leading and trailing punctuation, in lower case."""

    raw: list[str]
    lowered: list[str]


# VADER valences of a sentence's whitespace-separated words, in order.
Valences = Callable[[str], list[float]]


def _tokens(text: str) -> _Words:
    raw = text.split()
    return _Words(raw, [word.strip(_PUNCTUATION).lower() for word in raw])


def _word_index(text: str, offset: int) -> int:
    """The index of the word that contains character ``offset`` of ``text``."""
    before = text[:offset].split()
    return len(before) - (1 if before and offset > 0 and not text[offset - 1].isspace() else 0)


def _is_boundary_word(word: str) -> bool:
    return word in {"-", "\u2013", "\u2014", "--"}


def _quote_units(tokens: _Words) -> tuple[list[int | None], set[int]]:
    """For each token, the number of the quotation it is in (None outside quotes), and the
    tokens quoted alone (scare quotes)."""
    quote_of: list[int | None] = [None] * len(tokens.raw)
    scare: set[int] = set()
    if _QUOTES.isdisjoint("".join(tokens.raw)):
        return quote_of, scare
    current: int | None = None
    opened_at = 0
    count = 0
    for i, text in enumerate(tokens.raw):
        opens = current is None and text[:1] in _OPENING_QUOTES
        if opens:
            count += 1
            current = count
            opened_at = i
        quote_of[i] = current
        stripped = text.rstrip(".,;:!?)")
        if current is not None and (
            (stripped[-1:] in _CLOSING_QUOTES and (len(stripped) > 1 or not opens))
            and not (opens and len(stripped) == 1)
        ):
            if i == opened_at:
                scare.add(i)
            current = None
    if current is not None:  # an unclosed quote: treat its words as the writer's
        for i in range(opened_at, len(tokens.raw)):
            quote_of[i] = None
    return quote_of, scare


@dataclass
class _Layout:
    """Where each token belongs: its unit, and who owns units that name no actor."""

    unit: list[int]
    unit_owner: dict[int, int]  # unit -> index of the mention that owns it


def _mention_tokens(text: str, names: Sequence[NamedSpan]) -> list[set[int]]:
    spans = []
    for name in names:
        first, last = (
            _word_index(text, name.start),
            _word_index(text, max(name.start, name.end - 1)),
        )
        spans.append(set(range(first, last + 1)))
    return spans


def _layout(
    tokens: _Words,
    quote_of: Sequence[int | None],
    mention_of: dict[int, int],
) -> _Layout:
    unit = [0] * len(tokens.raw)
    next_unit = 1
    current = 0
    resume: int | None = None  # the unit to go back to after a relative clause
    relative_head: dict[int, int] = {}  # relative unit -> token before its opening comma
    quote_unit: dict[int, int] = {}
    raw = tokens.raw
    ends = [word[-1:] for word in raw]
    quoted = any(quote is not None for quote in quote_of)
    for i, word in enumerate(tokens.lowered):
        quote = quote_of[i] if quoted else None
        if quote is not None:
            if quote not in quote_unit:
                quote_unit[quote] = next_unit
                next_unit += 1
            unit[i] = quote_unit[quote]
            continue
        # Most words start no clause; only these two cheap tests run for them.
        if i and (ends[i - 1] in _BOUNDARY_ENDS or word in _CLAUSE_WORDS):
            previous = raw[i - 1]
            if resume is not None and previous.endswith(","):
                current, resume = resume, None
            if (
                previous[-1:] in {";", ":"}
                or _is_boundary_word(previous)
                or word in _CLAUSE_WORDS
                or (word == "and" and previous.endswith(","))
            ):
                current, next_unit, resume = next_unit, next_unit + 1, None
            elif previous.endswith(",") and word in _RELATIVE_WORDS and resume is None:
                resume = current
                current, next_unit = next_unit, next_unit + 1
                relative_head[current] = i - 1
        unit[i] = current
    # An opening phrase that names no actor, up to the first comma, is a unit of its own.
    first_comma = next(
        (i for i, w in enumerate(tokens.raw) if w.endswith(",") and quote_of[i] is None), None
    )
    if first_comma is not None and all(
        i not in mention_of and unit[i] == unit[0] for i in range(first_comma + 1)
    ):
        for i in range(first_comma + 1):
            unit[i] = next_unit
    owner: dict[int, int] = {}
    named_units = {unit[i] for i in mention_of}
    for relative, head in relative_head.items():
        if relative not in named_units and head in mention_of:
            owner[relative] = mention_of[head]
    return _Layout(unit, owner)


def _speaker_verbs(
    tokens: _Words, mentions: Sequence[set[int]], unit: Sequence[int]
) -> dict[int, int]:
    """Mentions that speak or judge, each with the index of its verb; and mentions that are
    the victim or target of what follows ("Marlow was the target of a hate campaign"), with the
    index of that word."""
    speakers: dict[int, int] = {}
    for m, indexes in enumerate(mentions):
        if not indexes:
            continue
        following = _following_words(tokens, max(indexes), unit)
        for k, j in enumerate(following[:_SPEAKER_DISTANCE]):
            word = tokens.lowered[j]
            if word in _PASSIVE_AUXILIARIES:
                # "X was the victim of ...", "X is a target of ...": what follows is done to X.
                after = following[k + 1 : k + 4]
                if after and tokens.lowered[after[0]] in {"the", "a", "an"}:
                    after = after[1:]
                if (
                    len(after) >= 2
                    and tokens.lowered[after[0]] in _VICTIM_WORDS
                    and tokens.lowered[after[1]] == "of"
                ):
                    speakers[m] = after[0]
                break
            if word in _SPEECH_VERBS:
                speakers[m] = j
                break
    for m, indexes in enumerate(mentions):
        if not indexes or m in speakers:
            continue
        first, last = min(indexes), max(indexes)
        # "..., said Diaz." and "according to Diaz, ...": the name closes its clause.
        closes = last == len(tokens.raw) - 1 or tokens.raw[last][-1:] in '.,;:!?"\u201d'
        before = [tokens.lowered[j] for j in range(max(0, first - 2), first)]
        # The verb opens its clause or follows the quote it introduces ('"...," said Diaz'),
        # so it has no other subject ("critics condemned Orten" has one).
        verb_opens = first == 1 or (first > 1 and tokens.raw[first - 2][-1:] in ',"\u201d')
        claimed = first - 1 in speakers.values()  # "Diaz, a critic, praised Okafor, ..."
        if before[-2:] == ["according", "to"] or (
            closes and verb_opens and not claimed and before[-1:] and before[-1] in _SPEECH_VERBS
        ):
            speakers[m] = first - 1
    return speakers


def _following_words(tokens: _Words, last: int, unit: Sequence[int]) -> list[int]:
    """The words after a name in its own clause, past an apposition or relative clause
    ("Novak, who helped broker the ceasefire, accused ...", "Vesk, the commander, said")."""
    words = [j for j in range(last + 1, len(tokens.raw)) if unit[j] == unit[last]]
    if tokens.raw[last].endswith(",") and words:
        closing = next((k for k, j in enumerate(words) if tokens.raw[j].endswith(",")), None)
        if closing is not None and closing < 8:
            words = words[closing + 1 :]
    return words


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
    tokens = _tokens(text)
    if len(word_valences) != len(tokens.raw):
        return (0.0,) * len(names)
    lowered = tokens.lowered
    if "but" in lowered:  # VADER's contrast rule: what follows "but" weighs more
        pivot = lowered.index("but")
        word_valences = [
            v * (0.5 if i < pivot else 1.5 if i > pivot else 1.0)
            for i, v in enumerate(word_valences)
        ]
    mentions = _mention_tokens(text, names)
    mention_of = {i: m for m, indexes in enumerate(mentions) for i in indexes}
    # A name joined by a hyphen to another word ("UN-backed government", "anti-Isis forces")
    # modifies that word: the actor is not a participant, so it takes no words.
    for m, name in enumerate(names):
        before = text[name.start - 1 : name.start] if name.start else ""
        after = text[name.end : name.end + 2]
        if before in _HYPHENS or (after[:1] in _HYPHENS and after[1:].isalpha()):
            mentions[m] = set()
    quote_of, scare = _quote_units(tokens)
    layout = _layout(tokens, quote_of, mention_of)
    unit = layout.unit
    speakers = _speaker_verbs(tokens, mentions, unit)
    content = _speaker_content(tokens, mentions, speakers, unit)
    sums = [0.0] * len(names)
    for i, valence in enumerate(word_valences):
        if not valence or i in mention_of or i in scare:
            continue
        owner, weight = _owner(i, tokens, mentions, unit, layout, speakers, content, quote_of)
        if owner is not None:
            sums[owner] += weight * valence
    return tuple(sums)


def _speaker_content(
    tokens: _Words,
    mentions: Sequence[set[int]],
    speakers: dict[int, int],
    unit: Sequence[int],
) -> dict[int, set[int]]:
    """For each speaking mention, the tokens that are its words or judgement."""
    content: dict[int, set[int]] = {}
    for m, verb in speakers.items():
        indexes = mentions[m]
        first = min(indexes)
        own_unit = unit[first]
        if verb > first:
            words = {j for j in range(verb, len(tokens.raw)) if unit[j] == own_unit}
        else:  # "..., said Diaz" or "according to Diaz, ..."
            words = {j for j in range(len(tokens.raw)) if j not in indexes}
        if verb > first and len(tokens.raw) - verb <= 3:  # "..., Diaz told reporters."
            words |= {j for j in range(first)}
        content[m] = words
    return content


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
    tokens: _Words,
    mentions: Sequence[set[int]],
    unit: Sequence[int],
    layout: _Layout,
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
    tokens: _Words,
    mentions: Sequence[set[int]],
    unit: Sequence[int],
    layout: _Layout,
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


def _active_after(i: int, tokens: _Words, unit: Sequence[int]) -> bool:
    """Whether a harm verb in a unit without a name is active (its doer is the unit's subject)."""
    before = [tokens.lowered[j] for j in range(max(0, i - 2), i) if unit[j] == unit[i]]
    return not any(word in _PASSIVE_AUXILIARIES for word in before)


def _doer(
    i: int, tokens: _Words, mentions: Sequence[set[int]], candidates: list[int]
) -> tuple[int | None, float]:
    """A harm verb counts against the actor named before it in active voice, or after "by"."""
    before = [m for m in candidates if max(mentions[m]) < i]
    if before:
        m = max(before, key=lambda m: max(mentions[m]))
        between = [tokens.lowered[j] for j in range(max(mentions[m]) + 1, i)]
        if not any(word in _PASSIVE_AUXILIARIES for word in between):
            return m, _weight(_distance(i, mentions[m]))
    after = [m for m in candidates if min(mentions[m]) > i]
    if after:
        m = min(after, key=lambda m: min(mentions[m]))
        between = [tokens.lowered[j] for j in range(i + 1, min(mentions[m]))]
        if "by" in between:
            return m, _weight(_distance(i, mentions[m]))
    return None, 0.0


def _possessor(
    i: int, tokens: _Words, mentions: Sequence[set[int]], candidates: list[int]
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
                toned[p] = replace(mentions[p], tone_valence=valence)
    return tuple(toned)
