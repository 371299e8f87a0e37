"""Epithets found without a lexicon: the names in a sentence and the labels next to them, and
the labels one outlet gives a name more than the others."""

from __future__ import annotations

import random

import pytest

import framing
from framing.compare.engine import compare
from framing.compare.epithets import EpithetCounts
from framing.compare.model import Comparison
from framing.lexicon.loader import read_lexicon, read_stopwords
from framing.model import Article, Corpus
from framing.text.names import name_contexts
from framing.text.segment import segment

STOPWORDS = read_stopwords()


def contexts(text: str) -> set[tuple[str, str, str]]:
    spans = segment("", text)
    rows = name_contexts(((s.text, s.start, s.tokens) for s in spans), STOPWORDS)
    return {(name, position, phrase) for name, position, phrase, _count in rows}


def test_labels_before_after_and_in_apposition() -> None:
    found = contexts(
        "Protesters gathered as the embattled mayor Kessler arrived. Critics of Mayor Anna "
        "Kessler, a reformer who took office in 2021, stayed away. Later the Kessler campaign "
        "and Kessler's allies said little."
    )
    assert ("Kessler", "before", "embattled mayor") in found
    assert ("Kessler", "before", "mayor") in found
    assert ("Mayor Anna Kessler", "apposition", "reformer") in found
    assert ("Mayor Anna Kessler", "title", "mayor anna") in found
    assert ("Kessler", "after", "campaign") in found
    assert ("Kessler", "possessive", "allies") in found


def test_no_name_from_bylines_datelines_or_sentence_openings() -> None:
    found = contexts(
        "By Jane Doe and Omar Said\n"
        "PORT ELLIS (Continental Wire) - Officials said the talks failed."
    )
    assert {name for name, _position, _phrase in found} == set()


# Sentences about a mayor in a fictional port town, written for these tests.
NEUTRAL = [
    "The budget vote was postponed until the autumn session.",
    "Council staff worked through the weekend to prepare the papers.",
    "Dockworkers held a short rally outside the town hall.",
    "The ferry timetable changed again at the start of the month.",
    "Shopkeepers on the quay reported a quiet week.",
    "A new bus route will link the estates to the harbour.",
    "The library reopened after a two-year refurbishment.",
    "Inspectors found the sea wall needed urgent repairs.",
]
KESSLER = {
    "Courier": "Councillors questioned the embattled mayor Kessler about the contract.",
    "Tribune": "Mayor Kessler, a reformer, defended the contract at the meeting.",
    "Gazette": "Councillors questioned Kessler about the contract at the meeting.",
}


def town(planted: bool, seed: int) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for outlet in KESSLER:
        for number in range(12):
            body = rng.sample(NEUTRAL, 4)
            body.append(KESSLER[outlet] if planted else rng.choice(list(KESSLER.values())))
            body.append("Kessler is expected to speak again next week.")
            rng.shuffle(body)
            articles.append(Article(f"{outlet}-{number}", outlet, "Port news", " ".join(body)))
    return articles


def _compare(articles: list[Article]) -> Comparison:
    lexicon = read_lexicon()
    return compare(framing.score_corpus(Corpus(tuple(articles)), lexicon), lexicon, STOPWORDS)


@pytest.fixture(scope="module")
def planted() -> Comparison:
    return _compare(town(planted=True, seed=5))


def test_planted_epithets_are_found_for_their_outlet(planted: Comparison) -> None:
    significant = {(e.group, e.position, e.epithet) for e in planted.epithets if e.significant}
    assert ("Courier", "before", "embattled mayor") in significant or (
        "Courier", "before", "mayor") in significant  # fmt: skip
    assert ("Tribune", "apposition", "reformer") in significant
    assert not {e for e in significant if e[0] == "Gazette" and e[2] in ("reformer", "embattled")}
    names = {e.name for e in planted.epithets}
    assert names == {"Kessler"}
    for e in planted.epithets:
        assert e.example is not None and "Kessler" in e.example.term


def test_null_corpus_gives_no_significant_epithet() -> None:
    comparison = _compare(town(planted=False, seed=9))
    assert not [e for e in comparison.epithets if e.significant]


def test_epithet_counts_are_bounded_and_mergeable() -> None:
    whole = EpithetCounts(capacity=20)
    first, second = EpithetCounts(), EpithetCounts()
    for number in range(40):
        rows = [(f"Name{number}", "mention", "", 1), ("Kessler", "mention", "", 1)]
        whole.add("A", rows)
        (first if number < 20 else second).add("A", rows)
        assert len(whole.frequency) <= 20
    first.merge(second)
    assert first.counts["A"]["Kessler", "mention", ""] == 40
    assert whole.counts["A"]["Kessler", "mention", ""] == 40


def test_a_sentence_opening_name_counts_when_printed_as_a_name_elsewhere() -> None:
    found = contexts(
        "Forces loyal to the renegade commander Haftar advanced. Haftar's militia took the "
        "port. Officials said little."
    )
    assert ("Haftar", "possessive", "militia") in found
    assert not {name for name, _position, _phrase in found} - {"Haftar"}
