"""The topic packs us_politics, immigration, israel_palestine and russia_ukraine.

The corpus in tests/corpora/us_politics/ is self-written (see its README): three invented outlets
cover the same invented news in Republican phrasing, Democratic phrasing and wire-service style.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import framing
from framing.lexicon.loader import builtin_pack_names, builtin_text, merge
from framing.lexicon.pack_parser import ParsedPack, parse_pack

US_POLITICS = Path(__file__).resolve().parent / "corpora" / "us_politics"
NEW_PACKS = ("us_politics", "immigration", "israel_palestine", "russia_ukraine")
LEDGER, POST, WIRE = "The Liberty Ledger", "The Commonwealth Post", "Capitol Wire"
# Labels for words that a careful writer would replace; each such variant names a plainer word.
MUST_OFFER_ALTERNATIVE = {"dehumanizing", "criminalizing", "euphemistic"}


def builtin(name: str) -> ParsedPack:
    return parse_pack(builtin_text(f"{name}.yaml"), f"lexicons/{name}.yaml")


@pytest.fixture(scope="module")
def comparison() -> tuple[framing.Lexicon, framing.Comparison]:
    lexicon = framing.read_lexicon(packs=("general", "us_politics", "immigration"))
    result = framing.score_corpus(framing.read_corpus([US_POLITICS]), lexicon)
    assert len(result.scores) == 12 and not result.skipped
    return lexicon, framing.compare(result, lexicon, framing.read_stopwords())


def shares(result: framing.Comparison, concept: str) -> dict[tuple[str, str], float]:
    """(outlet, variant) -> share of the concept's mentions, for every row of its table."""
    return {
        (row.group, row.variant): row.share.value or 0.0
        for row in result.variant_shares
        if row.concept == concept
    }


def test_illegal_alien_and_undocumented_immigrant_share_one_table_per_outlet(
    comparison: tuple[framing.Lexicon, framing.Comparison],
) -> None:
    lexicon, result = comparison
    concept_of = {v.term: c.id for c in lexicon.concepts for v in c.variants}
    assert concept_of["illegal alien"] == concept_of["undocumented immigrant"] == "migration"
    table = shares(result, "migration")
    for outlet in (LEDGER, POST, WIRE):
        assert (outlet, "illegal alien") in table
        assert (outlet, "undocumented immigrant") in table
    assert table[(LEDGER, "illegal alien")] > table[(WIRE, "illegal alien")]
    assert table[(WIRE, "illegal alien")] > table[(POST, "illegal alien")]
    assert table[(POST, "undocumented immigrant")] > table[(LEDGER, "undocumented immigrant")]
    assert table[(WIRE, "unauthorized immigrant")] > 0 == table[(LEDGER, "unauthorized immigrant")]


def test_partisan_pairs_tell_the_outlets_apart(
    comparison: tuple[framing.Lexicon, framing.Comparison],
) -> None:
    _lexicon, result = comparison
    estate = shares(result, "estate_tax_naming")
    assert estate[(LEDGER, "death tax")] == 1.0
    assert estate[(POST, "estate tax")] > estate[(WIRE, "estate tax")] > 0.5
    health = shares(result, "aca_naming")
    assert health[(LEDGER, "Obamacare")] == 1.0 == health[(POST, "Affordable Care Act")]
    party = shares(result, "democratic_party_naming")
    assert party[(LEDGER, "Democrat Party")] + party[(LEDGER, "Democrat lawmakers")] == 1.0
    assert party[(POST, "Democrat Party")] == 0.0 == party[(WIRE, "Democrat lawmakers")]
    opponents = shares(result, "abortion_opponents")
    assert opponents[(LEDGER, "pro-life")] > 0.5
    assert (POST, "pro-life") not in opponents or opponents[(POST, "pro-life")] == 0.0
    legal = shares(result, "legalization")
    assert legal[(LEDGER, "amnesty")] == 1.0
    assert legal[(POST, "path to citizenship")] > legal[(POST, "amnesty")]


@pytest.mark.parametrize("name", NEW_PACKS)
def test_new_pack_meets_the_floor_with_notes_connotations_and_targets(name: str) -> None:
    pack, concepts, actors = builtin(name)
    assert pack.scope == "topic" and pack.detect and pack.licence == "CC BY 4.0"
    assert len(pack.sources) >= 3
    assert len(concepts) >= 10
    assert sum(len(concept.variants) for concept in concepts) >= 60
    declared = {label for label, meaning in pack.connotations if meaning}
    actor_ids = {actor.id for actor in actors}
    targeted = 0
    for concept in concepts:
        assert concept.note.strip() and concept.label.strip(), concept.id
        if concept.target:
            targeted += 1
            # The pack is self-contained: its targets are its own actors.
            assert concept.target in actor_ids, (concept.id, concept.target)
            assert concept.target_rule in ("names", "nearby"), concept.id
        for variant in concept.variants:
            assert variant.note.strip(), variant.term
            assert variant.connotation in declared, variant.term
            if variant.connotation in MUST_OFFER_ALTERNATIVE:
                assert variant.neutral_alternative, variant.term
    # Concepts about people, groups, places or policies are targeted; a few (peace plans,
    # firearm names) are about things that are none of these.
    assert targeted >= len(concepts) - 1
    assert all(actor.aliases or actor.case_sensitive_aliases for actor in actors)


def test_every_topic_pack_loads_with_the_others_without_clashes() -> None:
    """A form belongs to one variant, an alias to one actor and an id to one concept across all
    topic packs, so any set of them can be switched on together."""
    parsed = [builtin(name) for name in builtin_pack_names()]
    topic = [entry for entry in parsed if entry[0].scope == "topic"]
    assert {entry[0].name for entry in topic} >= {"libya", *NEW_PACKS}
    general = [entry for entry in parsed if entry[0].name in ("general", "frames")]
    assert merge([*topic, *general], collect=True).problems == []


def test_migration_concepts_moved_from_libya_to_immigration() -> None:
    moved = {"migration", "smuggling", "sea_rescue", "migration_control"}
    _libya, libya_concepts, libya_actors = builtin("libya")
    _pack, concepts, actors = builtin("immigration")
    assert not moved & {concept.id for concept in libya_concepts}
    assert "migrants" not in {actor.id for actor in libya_actors}
    assert moved <= {concept.id for concept in concepts}
    assert "migrants" in {actor.id for actor in actors}


def mentions(text: str, terms: tuple[str, ...]) -> int:
    return sum(
        len(re.findall(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags=re.IGNORECASE))
        for term in terms
    )


def test_detection_terms_find_the_us_corpus_and_only_its_topics() -> None:
    articles = framing.read_corpus([US_POLITICS]).articles
    texts = [f"{article.title}\n{article.text}" for article in articles]
    detect = {name: builtin(name)[0].detect for name in NEW_PACKS}
    on_topic = sum(mentions(text, detect["us_politics"]) >= 2 for text in texts)
    assert on_topic >= len(texts) // 2
    assert sum(mentions(text, detect["immigration"]) >= 2 for text in texts) >= 3
    for other in ("israel_palestine", "russia_ukraine"):
        assert all(mentions(text, detect[other]) == 0 for text in texts), other
