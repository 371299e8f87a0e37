"""The loaded-language pack after its review: literal senses stay out, judged precision holds."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from framing.lexicon.loader import read_lexicon
from framing.scoring.terms import CompiledLexicon, compile_lexicon, find_mentions
from framing.text.segment import segment

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def compiled() -> CompiledLexicon:
    return compile_lexicon(read_lexicon(packs=("loaded_language",)))


def flagged(compiled: CompiledLexicon, text: str) -> list[str]:
    return [hit.variant for hit in find_mentions(segment("", text), compiled, "", text).terms]


def read_tsv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize(
    "text",
    [
        "The new tax regime takes effect in April.",
        "Serve the grilled fish with rice.",
        "The map legend shows roads in red.",
        "Headings are set in bold type.",
        "He was jailed for peddling heroin.",
        "The mob boss was jailed for life.",
        "The bank received a bailout in 2009.",
    ],
)
def test_literal_senses_are_not_flagged(compiled: CompiledLexicon, text: str) -> None:
    assert flagged(compiled, text) == []


@pytest.mark.parametrize(
    ("text", "variant"),
    [
        ("The regime's forces fired on the crowd.", "regime"),
        ("The minister was grilled by MPs.", "grilled"),
        ("An angry mob gathered outside.", "mob"),
        ("The club legend retired.", "legend"),
        ("Critics called the plan utterly absurd.", "utterly"),
        ("It was a disgraceful decision.", "disgraceful"),
        ("The new boss slashed the budget.", "slashed"),
    ],
)
def test_loaded_senses_are_flagged(compiled: CompiledLexicon, text: str, variant: str) -> None:
    assert variant in flagged(compiled, text)


def test_precision_on_the_judged_sample_holds(compiled: CompiledLexicon) -> None:
    # Every flag on tests/data/news_sample.tsv must have a judgement in
    # loaded_language_sample.tsv (judged by tests/data/target_tone_guide.md), and at least 90%
    # of the flags must be loaded uses; the review of the pack measured 95%.
    judged = {
        (row["sentence_id"], row["matched_text"].lower()): row["loaded"]
        for row in read_tsv("loaded_language_sample.tsv")
    }
    flags = []
    for row in read_tsv("news_sample.tsv"):
        text = row["sentence"]
        for hit in find_mentions(segment("", text), compiled, "", text).terms:
            flags.append((row["id"], hit.matched_text.lower()))
    assert len(flags) >= 100
    unjudged = [flag for flag in flags if flag not in judged]
    assert unjudged == [], "judge these flags and add them to loaded_language_sample.tsv"
    precision = sum(judged[flag] == "1" for flag in flags) / len(flags)
    assert precision >= 0.9
