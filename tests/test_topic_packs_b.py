"""The climate, protest, public-health and economy topic packs: schema floor, notes, targets,
detection terms and the direction of their counts on news-like sentences written for this test.
"""

from __future__ import annotations

from collections import Counter

import pytest

from framing.lexicon.loader import builtin_pack_names, builtin_text, merge
from framing.lexicon.matcher import PhraseMatcher, form_tokens, prepare_tokens
from framing.lexicon.model import Lexicon
from framing.lexicon.pack_parser import ParsedPack, parse_pack
from framing.scoring.terms import compile_lexicon, find_mentions
from framing.text.segment import segment

PACKS = ("climate_energy", "protest_policing", "public_health", "economy_labour")
# Connotations that mark a loaded word: each such variant must offer a plainer alternative.
LOADED = {
    "legitimizing",
    "delegitimizing",
    "alarming",
    "minimizing",
    "euphemistic",
    "stigmatizing",
    "reassuring",
}
# Concepts about a phenomenon, left untargeted on purpose (each pack's header says why); every
# other concept must name its target, so dropping a target by mistake fails here.
UNTARGETED = {
    "warming_name",
    "gas_name",
    "energy_source_label",
    "energy_policy_goal",
    "fossil_exit_wording",
    "extreme_weather_link",
    "disease_name",
    "outbreak_scale",
    "death_attribution",
    "overdose_wording",
    "suicide_wording",
    "job_loss_wording",
    "inflation_wording",
    "economy_state",
    "work_conditions",
}


def article(text: str) -> str:
    """One paragraph: the segmenter ends a sentence at every line break."""
    return " ".join(text.split())


def load(name: str) -> ParsedPack:
    return parse_pack(builtin_text(f"{name}.yaml"), f"lexicons/{name}.yaml")


@pytest.fixture(scope="module")
def packs() -> dict[str, ParsedPack]:
    return {name: load(name) for name in PACKS}


@pytest.mark.parametrize("name", PACKS)
def test_each_pack_is_a_topic_pack_above_the_floor(name: str) -> None:
    pack, concepts, actors = load(name)
    assert pack.name == name and pack.scope == "topic" and pack.licence == "CC BY 4.0"
    assert len(pack.detect) >= 10 and len(pack.sources) >= 3
    assert len(concepts) >= 10
    assert sum(len(c.variants) for c in concepts) >= 60
    assert actors, "a topic pack names its actors"


@pytest.mark.parametrize("name", PACKS)
def test_every_note_connotation_and_neutral_alternative_is_there(name: str) -> None:
    pack, concepts, _actors = load(name)
    declared = {label for label, _meaning in pack.connotations}
    used = set()
    for concept in concepts:
        assert concept.note.strip() and concept.label.strip(), concept.id
        for variant in concept.variants:
            assert variant.note.strip(), variant.term
            assert variant.connotation in declared, variant.term
            used.add(variant.connotation)
            if variant.connotation in LOADED:
                assert variant.neutral_alternative.strip(), f"{variant.term} needs one"
            elif variant.connotation == "neutral":
                assert not variant.neutral_alternative, f"{variant.term} is already neutral"
    assert used == declared, "declare only the connotations the pack uses"


@pytest.mark.parametrize("name", PACKS)
def test_targets_are_actors_of_the_same_pack(name: str) -> None:
    _pack, concepts, actors = load(name)
    ids = {actor.id for actor in actors}
    for concept in concepts:
        if concept.id in UNTARGETED:
            assert not concept.target, f"{concept.id} was documented as untargeted"
            continue
        assert concept.target in ids, f"{concept.id} targets {concept.target!r}"
        assert concept.target_rule in ("names", "nearby")


def test_no_form_or_alias_clashes_among_the_topic_packs() -> None:
    every = [load(name) for name in builtin_pack_names()]
    topic = [parsed for parsed in every if parsed[0].scope == "topic"]
    assert set(PACKS) <= {parsed[0].name for parsed in topic}
    assert "libya" in {parsed[0].name for parsed in topic}
    assert merge(topic, collect=True).problems == []


def detect_mentions(name: str, text: str) -> int:
    """How often the pack's detection terms occur in ``text`` (case-insensitive, whole words)."""
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for term in load(name)[0].detect:
        matcher.add(form_tokens(term), term, case_sensitive=False)
    sentences = segment("", text)
    return sum(len(matcher.spans(prepare_tokens(s.tokens))) for s in sentences)


FOOTBALL = article(
    """\
Northgate United came from behind to beat Harbour Rovers 3-1 on Saturday in front of a crowd of
38,000. The visitors led through a first-half header, but the home side's strikers ran the
defence ragged after the break. The manager praised his players' energy and said the club could
now push for a place in Europe. Supporters sang long after the final whistle.
"""
)

ELECTION = article(
    """\
Voters in the Riverside district re-elected the sitting mayor on Thursday with 54 per cent of the
vote, on a turnout of 41 per cent. Her challenger, a former councillor, conceded shortly after
midnight and thanked volunteers who had knocked on doors for months. The mayor promised to
repair the bridge over the canal, extend the tram line and keep council tax frozen. Both
candidates had held final rallies in the town square on Wednesday evening.
"""
)


@pytest.mark.parametrize("name", PACKS)
def test_detection_terms_stay_quiet_on_sport_and_an_election(name: str) -> None:
    assert detect_mentions(name, FOOTBALL) < 2
    assert detect_mentions(name, ELECTION) < 2


Hit = tuple[str, str, str]  # (concept, variant, connotation)


def hits(lexicon: Lexicon, text: str) -> list[Hit]:
    found = find_mentions(segment("", text), compile_lexicon(lexicon), "", text).terms
    return [(hit.concept, hit.variant, hit.connotation) for hit in found]


def balance(lexicon: Lexicon, found: list[Hit], target: str) -> int:
    """Legitimizing minus delegitimizing hits among concepts aimed at ``target``."""
    aimed = {c.id for c in lexicon.concepts if c.target == target}
    counts = Counter(connotation for concept, _v, connotation in found if concept in aimed)
    return counts["legitimizing"] - counts["delegitimizing"]


@pytest.fixture(scope="module")
def lexicons(packs: dict[str, ParsedPack]) -> dict[str, Lexicon]:
    return {name: merge([parsed]) for name, parsed in packs.items()}


PROTEST_HOSTILE = article(
    """\
Police fired tear gas at rioters in the city centre on Friday night as thugs and outside
agitators smashed shop windows. Officers restored order after the protest turned violent, and
a mob of looters was seen carrying goods from a phone shop.
"""
)

PROTEST_SYMPATHETIC = article(
    """\
Thousands of demonstrators marched peacefully through the capital on Saturday to voice their
grievances over housing costs. Police used less-lethal rounds on protesters near parliament, and
one man died in police custody, his family said. Organisers said the protest was a grassroots
movement.
"""
)


def test_protest_pack_scores_hostile_and_sympathetic_coverage(
    lexicons: dict[str, Lexicon],
) -> None:
    lexicon = lexicons["protest_policing"]
    hostile = hits(lexicon, PROTEST_HOSTILE)
    labels = {(c, v) for c, v, _ in hostile}
    assert {
        ("protester_label", "rioter"),
        ("protester_label", "thug"),
        ("protester_label", "agitator"),
        ("protester_label", "mob"),
        ("police_weapons", "tear gas"),
        ("police_action", "restored order"),
        ("protest_conduct", "turned violent"),
    } <= labels
    named = [conn for c, _v, conn in hostile if c == "protester_label"]
    assert named and set(named) == {"delegitimizing"}
    sympathetic = hits(lexicon, PROTEST_SYMPATHETIC)
    labels = {(c, v) for c, v, _ in sympathetic}
    assert {
        ("protester_label", "demonstrator"),
        ("protester_label", "protester"),
        ("protest_conduct", "peaceful protest"),
        ("protest_claims", "grievance"),
        ("police_weapons", "less-lethal"),
        ("police_killing", "death in custody"),
        ("protest_backing", "grassroots"),
    } <= labels
    assert not {conn for c, _v, conn in sympathetic if c == "protester_label"} & {"delegitimizing"}
    assert balance(lexicon, hostile, "protesters") < 0 < balance(lexicon, sympathetic, "protesters")


CLIMATE_DISMISSIVE = article(
    """\
Climate sceptics at the Global Warming Policy Foundation dismissed the report as more climate
alarmism. Eco-zealots from Just Stop Oil blocked the motorway again, and the minister said the
net zero agenda would push up bills through green levies. Natural gas, she added, remains vital.
"""
)

CLIMATE_URGENT = article(
    """\
The climate crisis is accelerating, climate scientists warned, as climate deniers in parliament
tried to delay the vote. Climate activists said fossil gas and Big Oil had no place in the
energy transition, after a heatwave that was made more likely by climate change.
"""
)


def test_climate_pack_scores_dismissive_and_urgent_coverage(
    lexicons: dict[str, Lexicon],
) -> None:
    lexicon = lexicons["climate_energy"]
    dismissive = hits(lexicon, CLIMATE_DISMISSIVE)
    assert {
        ("climate_doubter_label", "climate sceptic", "legitimizing"),
        ("climate_science_label", "climate alarmism", "delegitimizing"),
        ("climate_activist_label", "eco-zealot", "delegitimizing"),
        ("net_zero_label", "net zero agenda", "delegitimizing"),
        ("carbon_pricing_label", "green levy", "delegitimizing"),
        ("gas_name", "natural gas", "legitimizing"),
        ("climate_doubter_label", "Global Warming Policy Foundation", "neutral"),
    } <= set(dismissive)
    # The group's name is not a use of "global warming".
    assert not any(v == "global warming" for _c, v, _conn in dismissive)
    urgent = hits(lexicon, CLIMATE_URGENT)
    assert {
        ("warming_name", "climate crisis", "alarming"),
        ("climate_doubter_label", "climate denier", "delegitimizing"),
        ("climate_activist_label", "climate activist", "neutral"),
        ("gas_name", "fossil gas", "delegitimizing"),
        ("fossil_industry_label", "Big Oil", "delegitimizing"),
        ("extreme_weather_link", "made more likely by climate change", "attributing"),
    } <= set(urgent)
    # The two texts disagree about the same two groups, in opposite directions.
    assert balance(lexicon, dismissive, "climate_doubters") > 0
    assert balance(lexicon, urgent, "climate_doubters") < 0
    assert balance(lexicon, dismissive, "climate_activists") < 0
    assert balance(lexicon, urgent, "climate_activists") == 0
    # "climate change" inside the longer attribution phrase counts once, for the longer phrase.
    assert not any(v == "climate change" for _c, v, _conn in urgent)


HEALTH_HOSTILE = article(
    """\
Anti-vaxxers marched against the experimental vaccine, calling the rules medical tyranny. Across
town, addicts and junkies queued outside the new drug den, and a local man committed suicide
last week, neighbours said.
"""
)

HEALTH_CAREFUL = article(
    """\
Health officials urged vaccine-hesitant parents to book the measles jab. People who use drugs can
now visit the supervised consumption site, which staff say has reversed dozens of overdoses. A
local man died by suicide last week, his family said.
"""
)


def test_public_health_pack_scores_stigmatizing_and_careful_coverage(
    lexicons: dict[str, Lexicon],
) -> None:
    lexicon = lexicons["public_health"]
    hostile = hits(lexicon, HEALTH_HOSTILE)
    assert {
        ("health_sceptic_label", "anti-vaxxer", "delegitimizing"),
        ("vaccine_description", "experimental vaccine", "delegitimizing"),
        ("restriction_name", "medical tyranny", "delegitimizing"),
        ("drug_user_label", "addict", "delegitimizing"),
        ("drug_user_label", "junkie", "delegitimizing"),
        ("harm_reduction_name", "drug den", "delegitimizing"),
        ("suicide_wording", "committed suicide", "stigmatizing"),
    } <= set(hostile)
    careful = hits(lexicon, HEALTH_CAREFUL)
    assert {
        ("health_sceptic_label", "vaccine hesitancy", "neutral"),
        ("vaccine_description", "jab", "neutral"),
        ("drug_user_label", "people who use drugs", "neutral"),
        ("harm_reduction_name", "supervised consumption site", "neutral"),
        ("overdose_wording", "overdose", "neutral"),
        ("suicide_wording", "died by suicide", "neutral"),
    } <= set(careful)
    assert balance(lexicon, hostile, "people_who_use_drugs") < 0
    assert balance(lexicon, careful, "people_who_use_drugs") == 0


ECONOMY_HOSTILE = article(
    """\
Union bosses threatened more strike chaos on the railways as militant unions rejected the offer.
Critics said the Bank of England's money printing had fuelled soaring prices, while benefit
scroungers were blamed for a rising welfare bill. The firm called its job cuts rightsizing.
"""
)

ECONOMY_PLAIN = article(
    """\
Union leaders announced industrial action on the railways after talks failed. The Bank of
England raised interest rates to 5.25 per cent as inflation stayed high, and benefit claimants
will see payments rise in April. The firm said 300 workers would be laid off, and two rivals
announced job cuts.
"""
)


def test_economy_pack_scores_hostile_and_plain_coverage(
    lexicons: dict[str, Lexicon],
) -> None:
    lexicon = lexicons["economy_labour"]
    hostile = hits(lexicon, ECONOMY_HOSTILE)
    assert {
        ("union_label", "union boss", "delegitimizing"),
        ("strike_wording", "strike chaos", "delegitimizing"),
        ("union_label", "militant union", "delegitimizing"),
        ("central_bank_action", "money printing", "delegitimizing"),
        ("inflation_wording", "soaring prices", "alarming"),
        ("welfare_recipient_label", "scrounger", "delegitimizing"),
        ("job_loss_wording", "rightsizing", "euphemistic"),
    } <= set(hostile)
    plain = hits(lexicon, ECONOMY_PLAIN)
    assert {
        ("union_label", "union leader", "neutral"),
        ("strike_wording", "industrial action", "neutral"),
        ("central_bank_action", "raised interest rates", "neutral"),
        ("inflation_wording", "inflation", "neutral"),
        ("welfare_recipient_label", "benefit claimant", "neutral"),
        ("job_loss_wording", "layoffs", "neutral"),
        ("job_loss_wording", "job cuts", "neutral"),
    } <= set(plain)
    assert balance(lexicon, hostile, "unions") < 0 == balance(lexicon, plain, "unions")


def test_a_war_or_sports_strike_is_not_a_labour_strike(lexicons: dict[str, Lexicon]) -> None:
    text = "An air strike hit the depot. The striker scored twice. Workers went on strike."
    found = [(c, v) for c, v, _ in hits(lexicons["economy_labour"], text)]
    assert found == [("strike_wording", "strike action")]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("protest_policing", PROTEST_HOSTILE + PROTEST_SYMPATHETIC),
        ("climate_energy", CLIMATE_DISMISSIVE + CLIMATE_URGENT),
        ("public_health", HEALTH_HOSTILE + HEALTH_CAREFUL),
        ("economy_labour", ECONOMY_HOSTILE + ECONOMY_PLAIN),
    ],
)
def test_the_packs_own_articles_trip_their_detection(name: str, text: str) -> None:
    assert detect_mentions(name, text) >= 2
