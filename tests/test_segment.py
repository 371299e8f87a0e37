from framing.text.segment import segment, sentence_bounds, tokenize


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
