"""Find the names a sentence prints and the words that label them, without a lexicon.

A *name* is a run of capitalised words inside a sentence ("Khalifa Haftar", "Mayor Kessler"),
at most :data:`MAX_NAME_WORDS` long, outside boilerplate (bylines and datelines are full of
names that say nothing). A capitalised word that opens a sentence is taken for a name only as
part of a longer run ("Khalifa Haftar said") or when the article prints the word as a name
elsewhere, since "Officials" or "Despite" open sentences too; headlines are skipped because
many are written in title case.

For each name, the words next to it are its *context*, in five positions:

* ``before``: the one or two lower-case words right before it ("the renegade commander
  Haftar" gives "commander" and "renegade commander");
* ``after``: the lower-case word right after it ("Haftar loyalists", "Haftar claimed");
* ``possessive``: the word after a possessive ("Haftar's militia");
* ``apposition``: a phrase set off by a comma and opened by an article ("Haftar, the
  self-styled field marshal," gives "self-styled field marshal" and its last word "marshal");
* ``title``: the capitalised words before the last word of a name ("Field Marshal Khalifa"
  in "Field Marshal Khalifa Haftar"), lower case; the comparison strips given names from it.

Stop words and numbers end a context; punctuation other than the apposition's comma separates a
name from its context.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from framing.text.boilerplate import boilerplate_spans
from framing.text.segment import Token

MAX_NAME_WORDS = 4
MAX_APPOSITION_WORDS = 4
POSITIONS = ("before", "after", "possessive", "apposition", "title")
MENTION = "mention"  # the position recorded once per mention, with an empty phrase
_ARTICLES = frozenset(["a", "an", "the"])
_POSSESSIVE_ENDINGS = ("'s", "\u2019s")
_TEXT = itemgetter(0)
_DIGIT = re.compile(r"\d")
_JOINED = itemgetter(3)
_INITIAL = itemgetter(slice(None, 1))  # a word's first character, or ""


class _Word(NamedTuple):
    """A written word of joined parts ("self-styled"), with its offsets."""

    text: str
    start: int
    end: int


Words = Sequence[_Word | Token]


class _Shifted:
    """A sentence's text sliced by offsets into its field (the tokens' offsets), so tokens can
    be used as they are instead of being copied with shifted offsets."""

    __slots__ = ("offset", "text")

    def __init__(self, text: str, offset: int) -> None:
        self.text = text
        self.offset = offset

    def __getitem__(self, key: slice) -> str:
        stop = None if key.stop is None else key.stop - self.offset
        return self.text[key.start - self.offset : stop]


Text = str | _Shifted


def _written_words(text: Text, tokens: Sequence[Token]) -> Words:
    """The sentence's written words with the tokens' offsets: the tokens themselves when no
    part is joined to the one before (most sentences)."""
    if True not in map(_JOINED, tokens):
        return tokens
    words: list[_Word] = []
    for token in tokens:
        if token.joined and words:
            words[-1] = _Word(text[words[-1].start : token.end], words[-1].start, token.end)
        else:
            words.append(_Word(token.text, token.start, token.end))
    return words


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and _DIGIT.search(word) is None


def _plain(word: str, stopwords: frozenset[str]) -> str | None:
    """``word`` lower-cased if it can be part of a context (a lower-case word with letters and
    no digit, not a stop word), else ``None``."""
    lowered = word.lower().replace("\u2019", "'")
    if not word[:1].islower() or _DIGIT.search(word) or lowered in stopwords:
        return None
    return lowered


def name_contexts(
    sentences: Iterable[tuple[str, int, Sequence[Token]]], stopwords: frozenset[str]
) -> tuple[tuple[str, str, str, int], ...]:
    """``(name, position, phrase, count)`` for an article's body sentences, each given as
    ``(text, offset of text, tokens)``; one ``(name, "mention", "", count)`` row per name
    counts its mentions. Names are as written, without a possessive ending; phrases are lower
    case. Sorted, so equal articles give equal rows."""
    found: Counter[tuple[str, str, str]] = Counter()
    openers: list[tuple[Text, Words]] = []
    for sentence, offset, tokens in sentences:
        text = _Shifted(sentence, offset) if offset else sentence
        words = _written_words(text, tokens)
        masked = [(a + offset, b + offset) for a, b in boilerplate_spans(sentence)]
        if masked:
            words = [w for w in words if not any(a <= w.start < b for a, b in masked)]
        if _sentence_contexts(text, words, stopwords, found):
            openers.append((text, words))
    # A lone capitalised word opening a sentence is a name when the article prints it as one
    # elsewhere ("Haftar's militia took the port" after "... the commander Haftar ...").
    named = {name.rsplit(None, 1)[-1] for name, _position, _phrase in found}
    for text, words in openers:
        opening = words[0].text
        if (opening[:-2] if opening.endswith(_POSSESSIVE_ENDINGS) else opening) in named:
            _name_at(text, words, 0, 0, stopwords, found, titled=False)
    return tuple(sorted((*key, count) for key, count in found.items()))


def _sentence_contexts(
    text: Text, words: Words, stopwords: frozenset[str], found: Counter[tuple[str, str, str]]
) -> bool:
    """Count the names of one sentence; true when it opens with a lone capitalised word
    (left for the caller to judge)."""
    opener = False
    done = 0
    # The words that start with a capital, picked out by C-level maps: most words do not.
    capitals = compress(range(len(words)), map(str.isupper, map(_INITIAL, map(_TEXT, words))))
    for index in capitals:
        if index < done or not _is_capitalised(words[index].text):
            continue
        last = index
        while (
            last + 1 < len(words)
            and _is_capitalised(words[last + 1].text)
            and not text[words[last].end : words[last + 1].start].strip()
            and not words[last].text.endswith(_POSSESSIVE_ENDINGS)
        ):
            last += 1
        first = index
        if first == 0 and (last == 0 or words[0].text.lower() in stopwords):
            first += 1  # a sentence's first word is capitalised whatever it is
            opener = last == 0 and words[0].text.lower() not in stopwords
        if first <= last and last - first < MAX_NAME_WORDS:
            _name_at(text, words, first, last, stopwords, found, titled=first > 0)
        done = last + 1
    return opener


def _gap(text: Text, left: _Word | Token, right: _Word | Token) -> str:
    return text[left.end : right.start]


def _name_at(
    text: Text,
    words: Words,
    first: int,
    last: int,
    stopwords: frozenset[str],
    found: Counter[tuple[str, str, str]],
    titled: bool,
) -> None:
    written = text[words[first].start : words[last].end]
    possessive = words[last].text.endswith(_POSSESSIVE_ENDINGS)
    name = written[:-2] if possessive else written
    if not name or name.lower() in stopwords:
        return
    found[name, MENTION, ""] += 1
    if titled and last > first:
        prefix = name[: words[last].start - words[first].start].strip().lower()
        found[name, "title", prefix.replace("\u2019", "'")] += 1
    # Before: up to two lower-case words, nothing but spaces between them and the name.
    before: list[str] = []
    position = first - 1
    while position >= 0 and len(before) < 2:
        plain = _plain(words[position].text, stopwords)
        if plain is None or _gap(text, words[position], words[position + 1]).strip():
            break
        before.insert(0, plain)
        position -= 1
    if before:
        found[name, "before", before[-1]] += 1
        if len(before) == 2:
            found[name, "before", " ".join(before)] += 1
    following = words[last + 1] if last + 1 < len(words) else None
    if following is None:
        return
    gap = _gap(text, words[last], following)
    plain = _plain(following.text, stopwords)
    if not gap.strip() and plain is not None:
        found[name, "possessive" if possessive else "after", plain] += 1
    elif gap.strip() == "," and not possessive and following.text.lower() in _ARTICLES:
        _apposition(text, words, last + 2, stopwords, name, found)


def _apposition(
    text: Text,
    words: Words,
    start: int,
    stopwords: frozenset[str],
    name: str,
    found: Counter[tuple[str, str, str]],
) -> None:
    phrase: list[str] = []
    position = start
    while position < len(words) and len(phrase) < MAX_APPOSITION_WORDS:
        word = words[position].text
        lowered = word.lower().replace("\u2019", "'")
        if _DIGIT.search(word) or lowered in stopwords:
            break
        if position > start and _gap(text, words[position - 1], words[position]).strip():
            break
        phrase.append(lowered)
        position += 1
    ended = position >= len(words) or bool(_gap_after(text, words, position - 1).strip())
    ended = ended or words[position].text.lower() in stopwords
    if not phrase or not ended or not phrase[-1][:1].isalpha():
        return
    found[name, "apposition", " ".join(phrase)] += 1
    if len(phrase) > 1:
        found[name, "apposition", phrase[-1]] += 1


def _gap_after(text: Text, words: Words, position: int) -> str:
    if position + 1 < len(words):
        return _gap(text, words[position], words[position + 1])
    return text[words[position].end :]
