"""The matcher's edge cases: case, hyphens, plurals, possessives, quotes, longest match."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.lexicon.matcher import (
    PhraseMatcher,
    normal_token,
    plural,
    prepare_article,
    prepare_tokens,
)
from framing.lexicon.model import Lexicon
from framing.scoring.terms import compile_lexicon, find_mentions
from framing.text import segment as segment_module
from framing.text.segment import segment, tokenize


def hits(lexicon: Lexicon, text: str) -> list[tuple[str, str]]:
    compiled = compile_lexicon(lexicon)
    found = find_mentions(segment("", text), compiled, "", text).terms
    return [(hit.variant, hit.matched_text) for hit in found]


def test_acronym_is_does_not_match_the_verb(small_lexicon: Lexicon) -> None:
    assert hits(small_lexicon, "It is clear that IS fighters left. Is it over?") == [("IS", "IS")]


def test_isis_and_Isis_are_distinct_case_sensitive_variants(small_lexicon: Lexicon) -> None:
    assert hits(small_lexicon, "Isis and ISIS and isis") == [("Isis", "Isis"), ("ISIS", "ISIS")]


def test_capital_acronyms_are_ignored_in_an_all_capitals_line(small_lexicon: Lexicon) -> None:
    assert hits(small_lexicon, "WHY THE WAR IS NOT OVER") == []
    assert hits(small_lexicon, "Why IS is not over") == [("IS", "IS")]


def test_hyphen_and_space_are_the_same(small_lexicon: Lexicon) -> None:
    text = "the UN-backed government, the UN backed government, the UN - backed government"
    assert [v for v, _ in hits(small_lexicon, text)] == ["UN-backed government"] * 3


def test_listed_spellings_match(small_lexicon: Lexicon) -> None:
    text = "the UN-recognised government and the UN-recognized government"
    assert [v for v, _ in hits(small_lexicon, text)] == ["UN-recognised government"] * 2


def test_plurals_including_irregular_man_to_men(small_lexicon: Lexicon) -> None:
    text = "strongmen, militias and mercenaries"
    assert hits(small_lexicon, text) == [
        ("strongman", "strongmen"),
        ("militia", "militias"),
        ("mercenary", "mercenaries"),
    ]


def test_possessives_and_curly_apostrophes(small_lexicon: Lexicon) -> None:
    text = "the strongman\u2019s forces and the strongman's allies and Daesh's fighters"
    assert [v for v, _ in hits(small_lexicon, text)] == ["strongman", "strongman", "Daesh"]


def test_longest_variant_wins_and_counts_once(small_lexicon: Lexicon) -> None:
    assert hits(small_lexicon, "the military strongman Field Marshal Haftar") == [
        ("military strongman", "military strongman"),
        ("Field Marshal", "Field Marshal"),
    ]


def test_matching_is_case_insensitive_for_ordinary_variants(small_lexicon: Lexicon) -> None:
    assert [v for v, _ in hits(small_lexicon, "STRONGMAN, Strongman, field marshal")] == [
        "strongman",
        "strongman",
        "Field Marshal",
    ]


def test_no_match_inside_longer_words(small_lexicon: Lexicon) -> None:
    assert hits(small_lexicon, "strongmanship and Daeshite and ISISx") == []


def test_spans_point_at_the_matched_text(small_lexicon: Lexicon) -> None:
    text = "Troops of Field Marshal Khalifa Haftar advanced."
    compiled = compile_lexicon(small_lexicon)
    mentions = find_mentions(segment("", text), compiled, "", text)
    found, actors = mentions.terms, mentions.actors
    assert [(h.start, h.end, text[h.start : h.end]) for h in found] == [(10, 23, "Field Marshal")]
    assert [(a.actor, a.matched_text) for a in actors] == [("haftar", "Khalifa Haftar")]


def test_actor_aliases_respect_case(small_lexicon: Lexicon) -> None:
    text = "The US and the U.S. told us. Washington agreed."
    compiled = compile_lexicon(small_lexicon)
    actors = find_mentions(segment("", text), compiled, "", text).actors
    assert [a.matched_text for a in actors] == ["US", "U.S", "Washington"]


def test_matches_do_not_cross_sentences(small_lexicon: Lexicon) -> None:
    assert hits(small_lexicon, "He was a military. Strongman rule followed.") == [
        ("strongman", "Strongman")
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("militia", "militias"),
        ("strongman", "strongmen"),
        ("mercenary", "mercenaries"),
        ("day", "days"),
        ("crash", "crashes"),
        ("human", "humans"),
        ("STRONGMAN", "STRONGMEN"),
        ("Oman", "Omans"),
        ("Ottoman", "Ottomans"),
    ],
)
def test_plural(word: str, expected: str) -> None:
    assert plural(word) == expected


WORD_PARTS = st.sampled_from(
    ["Haftar's", "Haftar\u2019s", "it's", "IT'S", "'s", "s", "a's", "ISIS", "IS", "is", "UN",
     "US", "the", "A", "I", "x'S", "rock'n'roll", "2011", "\u00c9TAT", "strongmen's"]
)  # fmt: skip


@given(parts=st.lists(WORD_PARTS, max_size=20))
@settings(max_examples=300, deadline=None)
def test_prepared_tokens_are_each_token_normalized(parts: list[str]) -> None:
    tokens = tokenize(" ".join(parts))
    prepared = prepare_tokens(tokens)
    normal = [normal_token(token.text) for token in tokens]
    assert prepared.normal == normal
    assert prepared.lowered == [token.lower() for token in normal]
    words = [token for token in normal if len(token) > 1 and token.isalpha()]
    shouting = len(words) >= 3 and sum(w.isupper() for w in words) >= 0.8 * len(words)
    assert prepared.shouting == shouting


def test_spans_are_the_matches_of_find(small_lexicon: Lexicon) -> None:
    compiled = compile_lexicon(small_lexicon)
    text = (
        "THE US AND ISIS MET. The US-backed strongman's Field Marshal Haftar met Daesh in the US."
    )
    for sentence in segment("", text):
        prepared = prepare_tokens(sentence.tokens)
        for matcher in (compiled.variants, compiled.actors):
            found = matcher.find(sentence.tokens)
            assert [(m.payload, m.first, m.last) for m in found] == matcher.spans(prepared)


def test_article_spans_are_each_sentences_spans(small_lexicon: Lexicon) -> None:
    # One pass over the article must give each sentence's own matches: a form does not run
    # on into the next sentence, and whether a sentence is in capitals is its own (the line
    # in capitals ignores "IS"; the next sentence, in ordinary case, keeps it).
    compiled = compile_lexicon(small_lexicon)
    text = (
        "WHY THE WAR IS NOT OVER\nWhy IS is still here. He was a military. Strongman rule "
        "followed the UN-backed government.\nTHE US AND ISIS MET. Haftar met Daesh in the US."
    )
    sentences = segment("", text)
    article = prepare_article([sentence.tokens for sentence in sentences])
    for matcher in (compiled.variants, compiled.actors):
        expected = []
        for start, sentence in zip(article.starts, sentences, strict=False):
            spans = matcher.spans(prepare_tokens(sentence.tokens))
            expected += [(payload, first + start, last + start) for payload, first, last in spans]
        assert matcher.article_spans(article) == expected
    assert [v for v, _ in hits(small_lexicon, text)].count("IS") == 1


def test_sentences_of_a_huge_field_are_matched_one_by_one_alike(
    small_lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sentences that make their tokens on demand are matched one at a time, the others in one
    # pass over the article: the mentions must be the same.
    compiled = compile_lexicon(small_lexicon)
    title = "THE US AND ISIS MET"
    text = (
        "Why IS is still here. He was a military. Strongman rule followed the UN-backed "
        "government.\nHaftar's forces met Daesh in the US."
    )
    held = find_mentions(segment(title, text), compiled, title, text)
    monkeypatch.setattr(segment_module, "TOKENS_ON_DEMAND_ABOVE_CHARS", -1)
    sentences = segment(title, text)
    assert all(sentence.held_tokens is None for sentence in sentences)
    assert find_mentions(sentences, compiled, title, text) == held
    assert held.terms and held.actors


# Forms that share first words, some of which are no form alone ("the", "of").
FORMS = (
    ("field", "marshal"), ("the", "field", "marshal"), ("marshal",), ("the", "strongman"),
    ("strongman",), ("of", "the", "east"), ("east",), ("renegade", "general"), ("general",),
)  # fmt: skip
FORM_WORDS = ("the", "of", "field", "marshal", "strongman", "east", "renegade", "general", "a")


def _longest_matches(lowered: list[str], starts: list[int]) -> list[tuple[int, int, int]]:
    """(form number, first, last) of the longest form at each position, left to right, by
    trying every length at every position of every sentence."""
    found: list[tuple[int, int, int]] = []
    for begin, end in pairwise(starts):
        position = begin
        while position < end:
            lengths = [
                (len(form), number)
                for number, form in enumerate(FORMS)
                if tuple(lowered[position : position + len(form)]) == form
                and position + len(form) <= end
            ]
            if lengths:
                length, number = max(lengths)
                found.append((number, position, position + length - 1))
                position += length
            else:
                position += 1
    return found


def test_matches_are_the_longest_forms_tried_at_every_position() -> None:
    # The matcher passes over most positions without a trie walk: it must find what trying
    # every form at every position finds, on 300 random articles of the forms' words.
    matcher: PhraseMatcher[int] = PhraseMatcher()
    for number, form in enumerate(FORMS):
        matcher.add(form, number, case_sensitive=False)
    generator = random.Random(20261201)
    for _ in range(300):
        sentences = [
            " ".join(generator.choices(FORM_WORDS, k=generator.randint(1, 12))).capitalize()
            for _sentence in range(generator.randint(1, 5))
        ]
        spans = segment("", ". ".join(sentences) + ".")
        article = prepare_article([span.tokens for span in spans])
        expected = _longest_matches(article.lowered, article.starts)
        assert matcher.article_spans(article) == expected, sentences
