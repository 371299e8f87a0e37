from __future__ import annotations

import re
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text import segment as segment_module
from framing.text.segment import Token, segment, sentence_bounds, tokenize


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_bounds(text)]


def test_splits_at_terminal_punctuation_before_a_capital() -> None:
    assert sentences("Italy acted. Libya waited! Did it? Yes.") == [
        "Italy acted.",
        "Libya waited!",
        "Did it?",
        "Yes.",
    ]


def test_keeps_abbreviations_and_initials_inside_a_sentence() -> None:
    text = "Mr. Sisi met Gen. Haftar in the U.S. Army base. Abdel F. Sisi left."
    assert sentences(text) == [
        "Mr. Sisi met Gen. Haftar in the U.S. Army base.",
        "Abdel F. Sisi left.",
    ]


def test_closing_quote_ends_a_sentence() -> None:
    text = '"May the fighting end." Borrell said so.'
    assert sentences(text) == ['"May the fighting end."', "Borrell said so."]


def test_line_breaks_end_sentences_and_blank_lines_vanish() -> None:
    assert sentences("Headline without stop\n\n  Body one.  \nBody two") == [
        "Headline without stop",
        "Body one.",
        "Body two",
    ]


def test_lower_case_after_a_full_stop_does_not_split() -> None:
    assert sentences("It rose 2.5 per cent. to records") == ["It rose 2.5 per cent. to records"]


def test_tokens_join_hyphenated_words_and_dotted_abbreviations() -> None:
    tokens = tokenize("UN-backed U.S. forces' 5,300 Haftar\u2019s")
    assert [t.text for t in tokens] == [
        "UN",
        "backed",
        "U",
        "S",
        "forces",
        "5",
        "300",
        "Haftar\u2019s",
    ]
    assert [t.joined for t in tokens] == [False, True, False, True, False, False, True, False]


def test_token_offsets_point_into_the_text() -> None:
    text = "Field  Marshal Haftar"
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_segment_numbers_headline_then_body_sentences() -> None:
    spans = segment("A headline", "One. Two.")
    assert [(s.index, s.field, s.text) for s in spans] == [
        (0, "title", "A headline"),
        (1, "text", "One."),
        (2, "text", "Two."),
    ]
    assert spans[2].start == 5 and spans[2].tokens[0].start == 5


# The tokenizer works on whole fields with one split in C; this is the plain loop it replaced,
# kept as the definition the fast version must agree with.
_PART = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def reference_tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    tokens: list[Token] = []
    previous_end, previous_text = -1, ""
    for match in _PART.finditer(text, start, len(text) if end is None else end):
        part, joined = match.group(), False
        if previous_end >= 0 and match.start() - previous_end == 1:
            gap = text[previous_end]
            joined = (
                gap in "-\u2010\u2011\u2012\u2013"
                or (gap == "." and len(part) == 1 and len(previous_text) == 1)
                or (gap == "," and part.isdigit() and previous_text.isdigit())
            )
        tokens.append(Token(part, match.start(), match.end(), joined))
        previous_end, previous_text = match.end(), part
    return tokens


PIECES = st.sampled_from(
    ["UN", "backed", "U", "S", "5", "300", "Haftar\u2019s", "it's", "don't", "'", "\u2019", "-",
     "\u2010", "\u2013", "\u2014", ".", ",", " ", "\n", "_", "a_b", "\u00e9", "\u0130", "\u00bd",
     "\u0663", "\u200b", "\U0001f600", "Mr.", "?", "!", '"', "\u201c", "x", "X"]
)  # fmt: skip
TEXT = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=60).map("".join))


@given(text=TEXT, start=st.integers(-3, 210), end=st.none() | st.integers(-3, 210))
@settings(max_examples=400, deadline=None)
def test_tokenize_agrees_with_the_plain_loop(text: str, start: int, end: int | None) -> None:
    assert list(tokenize(text)) == reference_tokenize(text)
    assert list(tokenize(text, start, end)) == reference_tokenize(text, start, end)


@given(title=TEXT, text=TEXT)
@settings(max_examples=300, deadline=None)
def test_segment_gives_each_sentence_the_tokens_of_its_own_span(title: str, text: str) -> None:
    for span in segment(title, text):
        source = title if span.field == "title" else text
        assert list(span.tokens) == reference_tokenize(source, span.start, span.end)


def test_a_long_text_shares_one_string_per_word(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The harbour board met again on Tuesday; the board's chair spoke first.\n" * 2_000
    assert len(text) > segment_module.INTERN_ABOVE_CHARS
    tokens = tokenize(text)
    monkeypatch.setattr(segment_module, "INTERN_ABOVE_CHARS", len(text))
    assert tokens == tokenize(text)  # the same tokens either way
    boards = [token.text for token in tokens if token.text == "board"]
    assert len(boards) == 2_000 and all(word is boards[0] for word in boards)


@given(title=TEXT, text=TEXT)
@settings(max_examples=300, deadline=None)
def test_a_huge_field_makes_the_same_tokens_on_demand(title: str, text: str) -> None:
    held = segment(title, text)
    with patch.object(segment_module, "TOKENS_ON_DEMAND_ABOVE_CHARS", -1):
        on_demand = segment(title, text)
    assert on_demand == held
    for lazy, eager in zip(on_demand, held, strict=True):
        assert lazy.held_tokens is None and eager.held_tokens is not None
        assert lazy.tokens == eager.tokens
