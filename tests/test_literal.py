"""Punctuation inside a lexicon form is part of it: "C++" is not every "C"."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.lexicon.literal import literal_of
from framing.lexicon.loader import merge
from framing.lexicon.pack_parser import parse_pack
from framing.model import Article
from framing.scoring.scorer import Scorer, Work

PACK = """\
about:
  name: software
  title: Software names
  description: Product names with punctuation in them.
  language: en
  version: "1"
  licence: CC0
  sources: [written for the tests]
  connotations:
    neutral: descriptive
concepts:
  - id: product
    label: Products
    note: What the article names.
    variants:
      - {term: C++, connotation: neutral, note: A language.}
      - {term: AT&T, connotation: neutral, note: A company.}
      - {term: .NET, connotation: neutral, note: A framework.}
      - {term: a.k.a., connotation: neutral, note: Also known as.}
      - {term: UN-backed, connotation: neutral, note: A hyphen is as good as a space.}
"""


@pytest.mark.parametrize(
    ("form", "punctuated"),
    [("C++", True), ("AT&T", True), (".NET", True), ("U.S.", True), ("a.k.a.", True),
     ("UN-backed", False), ("Haftar's", False), ("Field Marshal", False)],
)  # fmt: skip
def test_which_forms_carry_punctuation(form: str, punctuated: bool) -> None:
    assert (literal_of(form) is not None) is punctuated


def test_a_punctuated_form_counts_only_where_the_text_has_its_punctuation() -> None:
    scorer = Scorer(merge([parse_pack(PACK, "software.yaml")]))
    text = (
        "Plan C failed, so the team rewrote it in C++ for the NET release, then ported it to "
        ".NET on Monday. AT&T and AT T are not the same, and neither are a.k.a. and a k a. "
        "The UN backed plan and the UN-backed plan are."
    )
    score = scorer.score_work([Work(Article(id="a", outlet="o", title="", text=text))])[0]
    found = [(hit.variant, text[hit.start : hit.end]) for hit in score.terms]
    assert found == [
        ("C++", "C"),
        (".NET", "NET"),
        ("AT&T", "AT&T"),
        ("a.k.a.", "a.k.a"),
        ("UN-backed", "UN backed"),
        ("UN-backed", "UN-backed"),
    ]


def test_validate_warns_about_punctuated_forms(tmp_path: Path) -> None:
    pack = tmp_path / "software.yaml"
    pack.write_text(PACK, encoding="utf-8")
    result = CliRunner().invoke(app, ["lexicon", "validate", str(pack), "--alone"])
    assert result.exit_code == 0, result.stderr
    assert (
        f"Warning: {pack}:16: form 'C++' reads as the word(s) 'C' to the matcher; it counts "
        "only where the text has its punctuation too, written exactly as 'C++'\n"
    ) in result.stderr
    assert result.stderr.count("Warning:") == 4
