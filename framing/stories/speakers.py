"""Who an article quotes or paraphrases, found from attribution verbs ("X said", "said X",
"according to X", "X told reporters").

A speaker is the run of capitalised words next to the verb ("Foreign Minister Ada Renholm
said"), or a described source ("a council spokesperson said"). A pronoun ("she said") is
given to the last named speaker of the article, the simplest form of the coreference that
attribution studies resolve (Pareti 2016 reviews attribution extraction). A speaker's share
is the number of words inside quotation marks in the attributed sentence, or the whole
sentence's words for a paraphrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

VERBS = (
    "said|says|told|added|stated|claimed|warned|argued|insisted|noted|explained|wrote|"
    "announced|confirmed|denied|asked|replied|recalled|acknowledged|admitted|urged|stressed"
)
_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|the|for|al|bin|de|van|von|da)){0,5})"
_SOURCE_NOUNS = (
    "spokesperson|spokesman|spokeswoman|official|officials|source|sources|statement|police|"
    "ministry|minister|witness|witnesses|residents|resident|analyst|analysts|office|department|"
    "agency|government|council|company|union|authorities|authority|report|group|campaigners"
)
_DESCRIBED = (
    rf"(?:(?:[Aa]n?|[Tt]he)\s+(?:[\w-]+\s+){{0,3}}(?:{_SOURCE_NOUNS})"
    rf"(?:\s+(?:for|of|at)\s+(?:the\s+)?{_NAME})?)"
)
_PRONOUN = r"(?:he|she|they)"
_WHO = rf"(?P<who>{_DESCRIBED}|{_NAME}|\b{_PRONOUN})"
# "X said", and "X, the transport commissioner, said" (an apposition of up to 60 characters).
_BEFORE = re.compile(rf"{_WHO}(?:\s*,[^,]{{1,60}},)?\s*,?\s+(?:{VERBS})\b", re.UNICODE)
_AFTER = re.compile(rf"[,\"”]\s*(?:{VERBS})\s+{_WHO}", re.UNICODE)
_ACCORDING = re.compile(rf"\b[Aa]ccording to\s+{_WHO}", re.UNICODE)
_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]")
# Capitalised words that begin a name run but are not names.
_NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "He",
        "She",
        "They",
        "It",
        "This",
        "That",
        "These",
        "Those",
        "In",
        "On",
        "At",
        "But",
        "And",
        "Or",
        "When",
        "While",
        "After",
        "Before",
        "Its",
        "Their",
        "His",
        "Her",
        "We",
        "I",
    ]
)
# Titles kept out of the speaker's key, so "Mayor Ada Renholm" and "Renholm" are one speaker.
_TITLES = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Prof",
        "President",
        "Prime",
        "Minister",
        "Foreign",
        "Interior",
        "Defence",
        "Defense",
        "Mayor",
        "Councillor",
        "Councilor",
        "Governor",
        "Senator",
        "General",
        "Gen",
        "Colonel",
        "Col",
        "Chief",
        "Inspector",
        "Officer",
        "Judge",
        "Sheriff",
        "Secretary",
        "Spokesperson",
        "Spokesman",
        "Spokeswoman",
        "Director",
        "Commissioner",
    ]
)


@dataclass(frozen=True)
class Attribution:
    """One attributed sentence: the speaker as printed and the words given to them."""

    sentence_index: int
    speaker: str
    words: int


def attributions(sentences: Iterable[tuple[int, str]]) -> list[Attribution]:
    """The attributed sentences of one article, in order; ``sentences`` are ``(index, text)``."""
    found: list[Attribution] = []
    last_named = ""
    for index, text in sentences:
        speaker = _speaker(text)
        if not speaker:
            continue
        if speaker.lower() in ("he", "she", "they"):
            if not last_named:
                continue
            speaker = last_named
        elif speaker[:1].isupper():
            last_named = speaker
        quoted = " ".join(_QUOTED.findall(text))
        words = len((quoted or text).split())
        found.append(Attribution(index, speaker, words))
    return found


def _speaker(text: str) -> str:
    for pattern in (_ACCORDING, _AFTER, _BEFORE):
        for match in pattern.finditer(text):
            who = match.group("who")
            if who.lower() in ("he", "she", "they"):
                return who.lower()
            if re.fullmatch(_DESCRIBED, who):
                return who[:1].lower() + who[1:]  # "The company" -> "the company"
            who = _trim(who)
            if who:
                return who
    return ""


def _trim(who: str) -> str:
    words = who.split()
    while words and words[0] in _NOT_NAMES:
        words = words[1:]
    while words and words[-1].lower() in ("of", "the", "for", "al", "bin", "de", "van"):
        words = words[:-1]
    return " ".join(words).rstrip(",.")


def speaker_key(name: str) -> str:
    """The key that makes "Mayor Ada Renholm", "Ada Renholm" and "Renholm" one speaker: the
    last word of the name without titles, lower case; a described source keys as itself."""
    if not name[:1].isupper():
        return name.lower()
    words = [w.strip(".,") for w in name.split() if w.strip(".,") not in _TITLES]
    return (words[-1] if words else name).lower().removesuffix("'s").removesuffix("’s")


def display_names(names: Sequence[str]) -> dict[str, str]:
    """For each speaker key, the longest form printed (the most informative)."""
    longest: dict[str, str] = {}
    for name in names:
        key = speaker_key(name)
        if len(name) > len(longest.get(key, "")) or (
            len(name) == len(longest.get(key, "")) and name < longest[key]
        ):
            longest[key] = name
    return longest
