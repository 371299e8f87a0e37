"""Shared fixtures: the seed folder, a small test lexicon, and a scorer for it."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from framing.lexicon.loader import merge
from framing.lexicon.model import Lexicon
from framing.lexicon.pack_parser import parse_pack

# Tests press Ctrl-C (send SIGINT) to the commands they start, as a terminal does. A script
# that starts the suite in the background (`pytest &`) ignores SIGINT, and an ignored signal
# stays ignored in every program started from it; the suite gives its commands a terminal's
# Ctrl-C back (a Python handler is not inherited: they start with the default).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

SMALL_PACK = """\
about:
  name: small
  title: A small test pack
  description: Terms for the matcher tests.
  language: en
  version: "1"
  licence: CC0
  sources: [written for the tests]
  connotations:
    delegitimizing: casts doubt
    neutral: descriptive
    legitimizing: lends authority
concepts:
  - id: haftar_title
    label: How Haftar is titled
    note: Titles carry judgement.
    variants:
      - term: strongman
        connotation: delegitimizing
        note: A ruler by force.
      - term: military strongman
        connotation: delegitimizing
        note: A ruler by force, in uniform.
      - term: Field Marshal
        connotation: legitimizing
        note: The highest army rank.
  - id: islamic_state_name
    label: The Islamic State group
    note: Names carry judgement.
    variants:
      - term: IS
        connotation: neutral
        note: The acronym.
        case_sensitive: true
      - term: Isis
        connotation: neutral
        note: British newspaper style.
        case_sensitive: true
      - term: ISIS
        connotation: neutral
        note: American style.
        case_sensitive: true
      - term: Daesh
        connotation: delegitimizing
        note: The Arabic acronym.
  - id: tripoli_authorities
    label: The Tripoli government
    note: Recognition matters.
    variants:
      - term: UN-backed government
        connotation: legitimizing
        note: Recognized by the UN.
      - term: UN-recognised government
        connotation: legitimizing
        note: Recognized by the UN.
        forms: [UN-recognised government, UN-recognized government]
  - id: armed_actors
    label: Armed groups
    note: Labels for fighters.
    variants:
      - term: militia
        connotation: neutral
        note: An irregular armed group.
      - term: mercenary
        connotation: delegitimizing
        note: A fighter for pay.
actors:
  - id: haftar
    label: Khalifa Haftar
    aliases: [Haftar, Khalifa Haftar, Hifter]
  - id: united_states
    label: The United States
    aliases: [United States, Washington]
    case_sensitive_aliases: [US, U.S.]
"""


@pytest.fixture(scope="session")
def small_pack_text() -> str:
    return SMALL_PACK


@pytest.fixture(scope="session")
def small_lexicon() -> Lexicon:
    return merge([parse_pack(SMALL_PACK, "small.yaml")])


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regenerate-golden",
        action="store_true",
        help="Rewrite the committed example outputs in reports/ instead of comparing with them.",
    )


@pytest.fixture(scope="session")
def regenerate_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regenerate-golden"))


@pytest.fixture(scope="session")
def make_article():  # type: ignore[no-untyped-def]
    """Build an Article from a list of sentences (the body) for synthetic corpora."""
    from framing.model import Article

    def build(article_id: str, outlet: str, sentences: list[str]) -> Article:
        return Article(id=article_id, outlet=outlet, title="", text=" ".join(sentences))

    return build
