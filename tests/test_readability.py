"""Readability: formula golden values, agreement with textstat, and no fake values."""

from __future__ import annotations

import pytest

from framing.scoring.readability import (
    SyllableCounter,
    coleman_liau_index,
    dale_chall_score,
    flesch_kincaid_grade,
    flesch_reading_ease,
    gunning_fog,
    readability,
    smog_index,
    words_of,
)
from framing.settings import ScoringSettings
from framing.text.segment import segment, tokenize


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
