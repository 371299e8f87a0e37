"""Readability: formula golden values, agreement with textstat, and no fake values."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from framing.scoring.readability import (
    SyllableCounter,
    Word,
    coleman_liau_index,
    dale_chall_score,
    flesch_kincaid_grade,
    flesch_reading_ease,
    gunning_fog,
    pack_contribution,
    readability,
    smog_index,
    unpack_contribution,
    word_facts,
    words_of,
)
from framing.settings import ScoringSettings
from framing.text.segment import Token, segment, tokenize


def test_formulas_on_hand_counted_values() -> None:
    # 100 words, 5 sentences, 150 syllables, 10 complex/polysyllabic, 450 letters, 8 difficult.
    assert flesch_reading_ease(100, 5, 150) == pytest.approx(206.835 - 20.3 - 126.9)
    assert flesch_kincaid_grade(100, 5, 150) == pytest.approx(7.8 + 17.7 - 15.59)
    assert gunning_fog(100, 5, 10) == pytest.approx(0.4 * (20 + 10))
    assert smog_index(5, 10) == pytest.approx(1.043 * 60**0.5 + 3.1291)
    assert coleman_liau_index(100, 5, 450) == pytest.approx(0.0588 * 450 - 0.296 * 5 - 15.8)
    assert dale_chall_score(100, 5, 8) == pytest.approx(0.1579 * 8 + 0.0496 * 20 + 3.6365)
    assert dale_chall_score(100, 5, 4) == pytest.approx(0.1579 * 4 + 0.0496 * 20)


def test_written_words_group_hyphenated_parts() -> None:
    words = list(words_of(tokenize("The UN-backed U.S. force")))
    assert [w.text for w in words] == ["The", "UN-backed", "U-S", "force"]
    assert [w.sentence_initial for w in words] == [True, False, False, False]


def test_syllables_are_counted_once_per_distinct_word() -> None:
    counter = SyllableCounter()
    assert [counter(w) for w in ("Libya", "strongman", "libya", "2011")] == [3, 2, 3, 1]


def test_short_text_gets_none_with_a_reason_not_zero() -> None:
    result = readability(
        segment("Headline", "Too short. Really."), SyllableCounter(), ScoringSettings()
    )
    assert result.words == 3 and result.sentences == 2
    assert result.flesch_reading_ease is None and result.dale_chall_score is None
    assert result.reason == "only 3 words; readability formulas need at least 100"


def test_few_sentences_get_none_with_a_reason() -> None:
    text = " ".join(["word"] * 120) + "."
    result = readability(segment("", text), SyllableCounter(), ScoringSettings())
    assert result.reason == "only 1 sentences; readability formulas need at least 3"


def test_headline_is_not_counted() -> None:
    counter, settings = SyllableCounter(), ScoringSettings()
    body = "The army moved. " * 40
    with_title = readability(segment("A long headline of many words", body), counter, settings)
    without = readability(segment("", body), counter, settings)
    assert with_title == without


def test_plain_text_reads_easier_than_dense_text() -> None:
    counter, settings = SyllableCounter(), ScoringSettings()
    plain = "The cat sat on the mat. It was a sunny day. We all went out to play. " * 8
    dense = (
        "Internationally recognised institutional arrangements necessitate comprehensive "
        "multilateral deliberation regarding extraterritorial jurisdictional responsibilities. "
    ) * 10
    easy = readability(segment("", plain), counter, settings)
    hard = readability(segment("", dense), counter, settings)
    assert easy.flesch_reading_ease is not None and hard.flesch_reading_ease is not None
    assert easy.flesch_reading_ease > hard.flesch_reading_ease
    for grade in ("flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
                  "dale_chall_score"):  # fmt: skip
        assert getattr(easy, grade) < getattr(hard, grade)


def reference_words(tokens: tuple[Token, ...]) -> list[Word]:
    """Written words by the plain loop over token parts."""
    words: list[Word] = []
    parts: list[str] = []
    for token in tokens:
        if parts and not token.joined:
            words.append(Word(tuple(parts), sentence_initial=not words))
            parts = []
        parts.append(token.text)
    if parts:
        words.append(Word(tuple(parts), sentence_initial=not words))
    return words


def reference_counts(text: str, counter: SyllableCounter) -> tuple[int, ...]:
    """The counts by the plain loop over written words that readability() sums in C."""
    words = sentences = syllables = letters = polysyllabic = complex_words = difficult = 0
    for sentence in segment("A headline", text):
        if sentence.field != "text" or not sentence.tokens:
            continue
        sentences += 1
        for word in reference_words(sentence.tokens):
            facts = word_facts(word, counter)
            words += 1
            syllables += facts.syllables
            letters += facts.letters
            polysyllabic += facts.syllables >= 3
            complex_words += facts.complex
            difficult += not facts.familiar
    return words, sentences, syllables, letters, polysyllabic, complex_words, difficult


WORDS = st.sampled_from(
    ["The", "the", "UN-backed", "U.S.", "5,300", "Haftar's", "Libya", "Libyan", "strongman",
     "government", "governments", "recognised", "Internationally", "extraterritorial", "cat",
     "walked", "walking", "2011", "\u00e9t\u00e9", "Mr.", "said.", "Tripoli.", "\n", "-", "\u2014"]
)  # fmt: skip


@given(words=st.lists(WORDS, max_size=80))
@hypothesis_settings(max_examples=150, deadline=None)
def test_counts_agree_with_the_plain_loop_over_words(words: list[str]) -> None:
    text = " ".join(words)
    result = readability(segment("A headline", text), SyllableCounter(), ScoringSettings())
    expected = reference_counts(text, SyllableCounter())
    assert (
        result.words, result.sentences, result.syllables, result.letters,
        result.polysyllabic_words,
    ) == expected[:5]  # fmt: skip
    assert result.difficult_words == expected[6]
    if result.gunning_fog is not None:
        assert result.gunning_fog == gunning_fog(expected[0], expected[1], expected[5])


@given(words=st.lists(WORDS, max_size=40))
@hypothesis_settings(max_examples=150, deadline=None)
def test_written_words_agree_with_the_plain_loop(words: list[str]) -> None:
    for sentence in segment("", " ".join(words)):
        found = list(words_of(sentence.tokens))
        assert found == reference_words(sentence.tokens)
        assert all(type(word) is Word and type(word.sentence_initial) is bool for word in found)
        assert list(words_of(iter(sentence.tokens))) == reference_words(sentence.tokens)


def test_a_long_article_summed_in_blocks_gives_the_same_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from framing.scoring import readability as module

    text = (
        "The regional assembly approved the water-sharing treaty on Thursday. Opponents "
        "said the U.S. mediators had rushed an unpopular compromise through committee. "
        "Farmers near the reservoir, however, welcomed the guaranteed irrigation quotas.\n"
    ) * 40
    counter, settings = SyllableCounter(), ScoringSettings()
    whole = readability(segment("Treaty vote", text), counter, settings)
    monkeypatch.setattr(module, "READABILITY_BLOCK_WORDS", 7)
    assert readability(segment("Treaty vote", text), counter, settings) == whole
    assert whole.words > 10 * 7


@given(
    counts=st.lists(
        st.tuples(*[st.integers(min_value=0, max_value=2**40)] * 5), min_size=0, max_size=50
    )
)
def test_packed_contributions_sum_as_their_counts(counts: list[tuple[int, ...]]) -> None:
    # Readability sums each word's five counts as one packed integer: the sum must unpack to
    # each count's own sum, however large (a field never spills into the next).
    packed = sum(pack_contribution(*five) for five in counts)
    assert unpack_contribution(packed) == [sum(five[i] for five in counts) for i in range(5)]


WORD_PIECES = (
    "cat", "walk", "govern", "ment", "national", "inter", "ize", "recog", "nis", "ex", "tra",
    "Lib", "ya", "Haf", "tar", "ing", "ed", "es", "s", "'s", "\u2019s", "ly", "ation", "é", "2",
)  # fmt: skip


def test_each_word_contributes_its_word_facts() -> None:
    # The table of contributions computes them without word_facts (once per new word of a
    # corpus): 300 random words, capitalised or not, one part or several, first in their
    # sentence or not, give the packed facts of word_facts, whichever table is asked first.
    generator = random.Random(20261201)
    counter, reference = SyllableCounter(), SyllableCounter()
    for _ in range(300):
        parts = [
            "".join(generator.choices(WORD_PIECES, k=generator.randint(1, 4)))
            for _part in range(generator.choice((1, 1, 1, 2, 3)))
        ]
        parts = [part.capitalize() if generator.random() < 0.3 else part for part in parts]
        key = "-".join(parts)
        for initial, table in ((True, counter.first_words), (False, counter.other_words)):
            facts = word_facts(Word(tuple(parts), initial), reference)
            expected = pack_contribution(
                facts.syllables, facts.letters, int(facts.syllables >= 3), int(facts.complex),
                int(not facts.familiar),
            )  # fmt: skip
            assert table[key] == expected, (key, initial, facts)
