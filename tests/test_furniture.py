from __future__ import annotations

import pytest

from framing.errors import LexiconError
from framing.text.furniture import clean_article, parse_furniture

RULES = """\
about: {title: T, description: D, version: "1", licence: CC0, sources: [tests]}
rules:
  - id: widget
    lines: [Click to follow, Advertisement]
  - id: domains
    pattern: '[*-]?\\s*[a-z0-9-]+\\.[a-z0-9.-]*[a-z]'
"""


def test_whole_lines_only_and_every_removal_recorded() -> None:
    rules = parse_furniture(RULES, "f.yaml")
    raw = (
        "Headline here\n\nClick to follow\nThe Advertisement was a lie.\n"
        "  advertisement  \n* libyaupdate.com\nEnd."
    )
    cleaned = clean_article(raw, rules)
    assert cleaned.title == "Headline here"
    assert cleaned.body == "The Advertisement was a lie.\nEnd."
    assert [(r.line, r.rule, r.text) for r in cleaned.removed] == [
        (3, "widget", "Click to follow"),
        (5, "widget", "advertisement"),
        (6, "domains", "* libyaupdate.com"),
    ]


def test_lines_repeating_the_headline_are_removed() -> None:
    rules = parse_furniture(RULES, "f.yaml")
    headline = "Minister meets Haftar in Benghazi"
    cleaned = clean_article(f"{headline}\n{headline} aBREAKING\n{headline}\nBody.", rules)
    assert cleaned.title == headline
    assert cleaned.body == "Body."
    assert [r.rule for r in cleaned.removed] == ["repeated_headline"] * 2


def test_a_paragraph_starting_with_a_short_headline_is_kept() -> None:
    rules = parse_furniture(RULES, "f.yaml")
    cleaned = clean_article("Libya\nLibya's eastern forces advanced on the capital.", rules)
    assert cleaned.body == "Libya's eastern forces advanced on the capital."
    cleaned = clean_article("Haftar\nHaftar spoke.", rules, title="Haftar")
    assert cleaned.body == "Haftar spoke."


def test_given_title_is_kept_and_no_headline_is_taken_from_the_text() -> None:
    rules = parse_furniture(RULES, "f.yaml")
    cleaned = clean_article("First line.\nSecond line.", rules, title="")
    assert (cleaned.title, cleaned.body) == ("", "First line.\nSecond line.")


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("(a+)+b", "nests one repetition inside another"),
        ("(a)\\1", "uses a backreference"),
    ],
)
def test_patterns_that_could_backtrack_catastrophically_are_refused(
    pattern: str, problem: str
) -> None:
    text = RULES.replace("'[*-]?\\s*[a-z0-9-]+\\.[a-z0-9.-]*[a-z]'", f"'{pattern}'")
    with pytest.raises(LexiconError) as caught:
        parse_furniture(text, "f.yaml")
    assert str(caught.value) == f"f.yaml:6: pattern of 'domains' {problem}; simplify it"


def test_invalid_pattern() -> None:
    text = RULES.replace("'[*-]?\\s*[a-z0-9-]+\\.[a-z0-9.-]*[a-z]'", "'[unclosed'")
    with pytest.raises(LexiconError, match=r"^f\.yaml:6: pattern of 'domains' is not a valid"):
        parse_furniture(text, "f.yaml")


FIRST_RULE_WINS = """\
about: {title: T, description: D, version: "1", licence: CC0, sources: [tests]}
rules:
  - id: credits
    pattern: '(photo|image): [a-z ]{1,40}'
  - id: signoff
    lines: [Reporting by the newsdesk]
  - id: bylines
    pattern: '(?i)by [a-z]+( [a-z]+)?'
  - id: anything_short
    pattern: '[a-z :]{1,30}'
"""


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Photo: harbour workers", "credits"),  # matched by two patterns: the first rule's
        ("  Reporting   by the NEWSDESK ", "signoff"),
        ("By Amira Saleh", "bylines"),  # its inline flag cannot join the others' pattern
        ("short line", "anything_short"),
        ("The port reopened on Tuesday after three weeks of strikes.", None),
    ],
)
def test_the_first_matching_rule_names_a_line(line: str, rule: str | None) -> None:
    rules = parse_furniture(FIRST_RULE_WINS, "f.yaml")
    assert rules.rule_for(line) == rule
