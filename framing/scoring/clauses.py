"""The clause structure of a sentence, read from its words and punctuation (no parser).

Used by :mod:`framing.scoring.target_tone` to tie sentiment words to the actors they are about:
which words form a clause, a relative clause or a quotation, and which named actors speak or
judge (their words are about something else). Words are split on white space, as VADER splits
them, so each word lines up with its VADER valence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import NamedTuple


def word_set(words: str) -> frozenset[str]:
    """The white-space-separated words of ``words``, as a set (for word lists in code)."""
    return frozenset(words.split())


_OPENING_QUOTES = frozenset('"\u201c\u00ab')
_CLOSING_QUOTES = frozenset('"\u201d\u00bb')
_QUOTES = _OPENING_QUOTES | _CLOSING_QUOTES
HYPHENS = frozenset("-\u2010\u2011")
# What may end the word before a clause or relative-clause boundary.
_BOUNDARY_ENDS = frozenset(",;:-\u2013\u2014")
_CLAUSE_WORDS = word_set(
    """but yet while whereas although though however meanwhile after before amid amidst during
    despite because unless until"""
)
_RELATIVE_WORDS = frozenset(["who", "whose", "whom", "which", "where"])
PASSIVE_AUXILIARIES = frozenset(
    ["was", "were", "is", "are", "been", "being", "be", "get", "got", "gets"]
)
# Verbs whose subject is a speaker or a judge: what follows is its view, not a view of it.
_SPEECH_VERBS = word_set(
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
_VICTIM_WORDS = word_set("victim victims target targets subject object focus")
_SPEAKER_DISTANCE = 3  # how far from a name its speech verb may be


_PUNCTUATION = ".,;:!?\"'()[]{}\u201c\u201d\u2018\u2019\u00ab\u00bb-\u2013\u2014"


class Words(NamedTuple):
    """A sentence's whitespace-separated words (as VADER splits it) and their cores: stripped
    of leading and trailing punctuation, in lower case."""

    raw: list[str]
    lowered: list[str]


def split_words(text: str) -> Words:
    """The words of ``text`` split on white space, as VADER splits a sentence, with their
    cores."""
    raw = text.split()
    # C-level maps: a Python step per word cost more than the stripping itself.
    return Words(raw, list(map(str.lower, map(str.strip, raw, repeat(_PUNCTUATION)))))


def word_index(text: str, offset: int) -> int:
    """The index of the word that contains character ``offset`` of ``text``."""
    before = text[:offset].split()
    return len(before) - (1 if before and offset > 0 and not text[offset - 1].isspace() else 0)


def _is_boundary_word(word: str) -> bool:
    return word in {"-", "\u2013", "\u2014", "--"}


def quote_units(tokens: Words) -> tuple[list[int | None], set[int]]:
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
class Layout:
    """Where each token belongs: its unit, and who owns units that name no actor."""

    unit: list[int]
    unit_owner: dict[int, int]  # unit -> index of the mention that owns it


def name_words(text: str, spans: Sequence[tuple[int, int]]) -> list[set[int]]:
    """The indexes of the words covered by each character span of ``text``."""
    covered = []
    for start, end in spans:
        first, last = word_index(text, start), word_index(text, max(start, end - 1))
        covered.append(set(range(first, last + 1)))
    return covered


def clause_layout(
    tokens: Words,
    quote_of: Sequence[int | None],
    mention_of: dict[int, int],
) -> Layout:
    """Cut a sentence into units (clauses, relative clauses, quotations; see
    :mod:`framing.scoring.target_tone` for the rules). ``quote_of`` comes from
    :func:`quote_units`; ``mention_of`` maps each word of an actor's name to that mention."""
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
    return Layout(unit, owner)


def find_speakers(
    tokens: Words, mentions: Sequence[set[int]], unit: Sequence[int]
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
            if word in PASSIVE_AUXILIARIES:
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


def _following_words(tokens: Words, last: int, unit: Sequence[int]) -> list[int]:
    """The words after a name in its own clause, past an apposition or relative clause
    ("Novak, who helped broker the ceasefire, accused ...", "Vesk, the commander, said")."""
    words = [j for j in range(last + 1, len(tokens.raw)) if unit[j] == unit[last]]
    if tokens.raw[last].endswith(",") and words:
        closing = next((k for k, j in enumerate(words) if tokens.raw[j].endswith(",")), None)
        if closing is not None and closing < 8:
            words = words[closing + 1 :]
    return words


def speaker_content(
    tokens: Words,
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
