"""Topic detection: which packs a corpus switches on, and the evidence given."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.errors import UsageError
from framing.lexicon.loader import merge
from framing.lexicon.model import Lexicon
from framing.lexicon.pack_parser import parse_pack
from framing.lexicon.topics import PackDecision, TopicDetector, TopicRule, choose_packs
from framing.model import Article

ROOT = Path(__file__).resolve().parent.parent


def pack_text(name: str, scope: str, detect: str = "", word: str = "word") -> str:
    about = f"  scope: {scope}\n  detect: [{detect}]\n" if scope == "topic" else ""
    return (
        f"about:\n  name: {name}\n  title: {name.title()}\n  description: D\n  language: en\n"
        f'  version: "1"\n{about}  licence: CC0\n  sources: [tests]\n'
        "  connotations:\n    neutral: descriptive\n"
        f"concepts:\n  - id: {name}_c\n    label: L\n    note: N\n    variants:\n"
        f"      - {{term: {word}, connotation: neutral, note: n}}\n"
    )


def builtin(text: str, name: str) -> tuple:  # type: ignore[type-arg]
    parsed, concepts, actors = parse_pack(text, f"lexicons/{name}.yaml")
    return replace(parsed, builtin=True), concepts, actors


LEXICON = merge(
    [
        builtin(pack_text("ruritania", "topic", "Ruritania, Strelsau, Rudolf Rassendyll"), "r"),
        builtin(pack_text("borduria", "topic", "Borduria, Szohod, Ruritania", "other"), "b"),
        builtin(pack_text("basics", "general", word="said"), "basics"),
    ]
)


def article(number: int, text: str, title: str = "A headline") -> Article:
    return Article(id=f"a{number}", outlet="Outlet", title=title, text=text)


def decisions(articles: list[Article], lexicon: Lexicon = LEXICON, **options: object) -> dict:  # type: ignore[type-arg]
    choice = choose_packs(articles, lexicon, **options)  # type: ignore[arg-type]
    return {d.pack: d for d in choice.decisions}


def test_an_article_is_on_the_topic_with_two_mentions_not_one() -> None:
    twice = [article(i, "In Strelsau, the Ruritania parliament met.") for i in range(3)]
    once = [article(i, "As in Ruritania, prices rose.") for i in range(3)]
    assert decisions(twice)["ruritania"].on_topic == 3
    assert decisions(once)["ruritania"].on_topic == 0
    assert not decisions(once)["ruritania"].used


def test_terms_match_whole_words_in_any_case_and_phrases() -> None:
    found = decisions(
        [
            article(1, "RURITANIA and ruritania again."),
            article(2, "Ruritanian wine; Strelsauer beer."),  # not whole words
            article(3, "Rudolf Rassendyll spoke.", title="Rudolf Rassendyll's return"),
        ]
    )["ruritania"]
    assert found.on_topic == 2
    assert found.terms == (("Ruritania", 1), ("Rudolf Rassendyll", 1))


def test_a_term_two_packs_share_counts_for_both() -> None:
    found = decisions([article(1, "Ruritania and Ruritania.")])
    assert (found["ruritania"].on_topic, found["borduria"].on_topic) == (1, 1)


@pytest.mark.parametrize(
    ("on_topic", "articles", "used"),
    [(3, 100, True), (2, 100, False), (1, 5, True), (1, 6, False), (2, 10, True), (0, 1, False)],
)
def test_three_articles_or_a_fifth_switch_a_pack_on(
    on_topic: int, articles: int, used: bool
) -> None:
    corpus = [article(i, "Strelsau, Ruritania.") for i in range(on_topic)]
    corpus += [article(i + on_topic, "Nothing to see.") for i in range(articles - on_topic)]
    decision = decisions(corpus)["ruritania"]
    assert (decision.on_topic, decision.articles, decision.used) == (on_topic, articles, used)
    assert decision.reason == ("detected" if used else "not detected")


def test_the_rule_can_be_changed() -> None:
    rule = TopicRule(mentions_per_article=1, min_articles=10, min_share=Fraction(1, 2))
    corpus = [article(i, "Ruritania.") for i in range(3)] + [article(9, "No.")]
    choice = choose_packs(corpus, LEXICON, rule=rule)
    assert [d.used for d in choice.decisions if d.pack == "ruritania"] == [True]
    assert "at least 10 articles, or at least 1/2 of the articles" in choice.rule.describe()


def test_general_packs_are_always_used_and_the_lexicon_keeps_the_packs_used() -> None:
    choice = choose_packs([article(1, "Nothing about anywhere.")], LEXICON)
    assert [(d.pack, d.used, d.reason) for d in choice.decisions] == [
        ("ruritania", False, "not detected"),
        ("borduria", False, "not detected"),
        ("basics", True, "general"),
    ]
    assert [p.name for p in choice.lexicon.packs] == ["basics"]
    assert [c.id for c in choice.lexicon.concepts] == ["basics_c"]


def test_forced_on_and_kept_off_override_the_counts() -> None:
    corpus = [article(i, "Strelsau, Ruritania.") for i in range(5)]
    found = decisions(corpus, forced_on=["borduria"], kept_off=["ruritania", "basics"])
    assert (found["borduria"].used, found["borduria"].reason) == (True, "forced on")
    assert (found["ruritania"].used, found["ruritania"].reason) == (False, "kept off")
    assert (found["basics"].used, found["basics"].reason) == (False, "kept off")
    # Every topic pack was decided by an option, so the articles were not read.
    assert found["ruritania"].summary() == "ruritania: off (--no-pack)"
    found = decisions(corpus, kept_off=["ruritania"])
    assert found["ruritania"].summary() == (
        "ruritania: off (--no-pack), 5 of 5 articles mention Ruritania or Strelsau (needs 1)"
    )


def test_no_pass_over_the_articles_when_every_topic_pack_is_decided() -> None:
    def never() -> list[Article]:
        raise AssertionError("the articles were read")

    class Unread:
        def __iter__(self):  # type: ignore[no-untyped-def]
            return iter(never())

    choice = choose_packs(Unread(), LEXICON, forced_on=["ruritania"], kept_off=["borduria"])
    assert [d.summary() for d in choice.decisions][:2] == [
        "ruritania: on (--pack)",
        "borduria: off (--no-pack)",
    ]


def test_pack_names_are_checked() -> None:
    with pytest.raises(UsageError) as caught:
        choose_packs([], LEXICON, forced_on=["atlantis"])
    assert str(caught.value) == (
        "--pack 'atlantis': no such built-in pack; built-in packs: basics, borduria, ruritania"
    )
    with pytest.raises(UsageError, match="--pack 'borduria' and --no-pack 'borduria': choose one"):
        choose_packs([], LEXICON, forced_on=["borduria"], kept_off=["borduria"])
    mine = merge([*LEXICON.parts, parse_pack(pack_text("mine", "general", word="w"), "m.yaml")])
    with pytest.raises(UsageError, match="a --lexicon file is always used"):
        choose_packs([], mine, kept_off=["mine"])


def test_evidence_names_the_terms_most_articles_have() -> None:
    decision = PackDecision(
        "libya", "topic", True, "detected", 12, 5, 3,
        (("Libya", 5), ("Tripoli", 4), ("Haftar", 3), ("Sirte", 1)),
    )  # fmt: skip
    assert decision.summary() == (
        "libya: on, 5 of 12 articles mention Libya, Tripoli or Haftar (needs 3)"
    )
    assert replace(decision, on_topic=1, used=False, terms=(("Libya", 1),)).summary() == (
        "libya: on, 1 of 12 articles mentions Libya (needs 3)".replace("on,", "off,")
    )


def test_detector_counts_stay_small() -> None:
    detector = TopicDetector(LEXICON.packs)
    for number in range(1000):
        detector.add("Ruritania", "Strelsau" if number % 2 else "elsewhere")
    assert detector.articles == 1000 and detector.on_topic == [500, 0]


def test_the_seeds_switch_the_libya_pack_on() -> None:
    corpus = framing.read_corpus([ROOT / "seeds"])
    choice = framing.choose_packs(corpus.articles, framing.read_lexicon())
    libya = next(d for d in choice.decisions if d.pack == "libya")
    assert (libya.used, libya.on_topic, libya.articles, libya.needed) == (True, 5, 5, 1)
    assert (
        libya.summary() == "libya: on, 5 of 5 articles mention Libya, Libyan or Tripoli (needs 1)"
    )
    assert "libya" in [p.name for p in choice.lexicon.packs]


def test_a_concept_aimed_at_an_actor_of_a_pack_left_off_is_refused() -> None:
    actor = "actors:\n  - id: rudolf\n    label: Rudolf\n    aliases: [Rudolf]\n"
    topic = builtin(pack_text("ruritania", "topic", "Ruritania") + actor, "r")
    mine = parse_pack(
        pack_text("mine", "general", word="usurper").replace(
            "    note: N\n    variants:", "    note: N\n    target: rudolf\n    variants:"
        ),
        "mine.yaml",
    )
    lexicon = merge([topic, mine])
    with pytest.raises(UsageError) as caught:
        choose_packs([article(1, "Nothing here.")], lexicon)
    assert str(caught.value) == (
        "concept 'mine_c' (mine) is aimed at the actor 'rudolf' of the pack 'ruritania', which "
        "is off (ruritania: off, 0 of 1 articles mention its terms (needs 1)); add --pack "
        "ruritania, or define the actor in your own file"
    )
    forced = choose_packs([article(1, "Nothing here.")], lexicon, forced_on=["ruritania"])
    assert forced.lexicon.concept("mine_c").target == "rudolf"


# Characters that exercise every branch of topics._words: ASCII letters, digits and
# separators, the underscore, straight and curly apostrophes, punctuation outside ASCII (curly
# quotes, dashes, a no-break space), and letters and digits outside ASCII (an accented letter,
# a combining accent, a superscript digit, a capital whose lower case is two characters).
_WORD_ALPHABET = list("abXZ09_ -.,;:!?\"()/\t\n'\u2019\u201c\u2014\u00a0\u00e9\u0301\u00b2\u0130")


def _regex_words(text: str) -> list[str]:
    """The definition _words must keep: the regular expression's word parts of the lower-case
    text, with curly apostrophes straightened and possessives dropped."""
    from framing.lexicon.topics import _POSSESSIVE, _WORD_PART

    lowered = text.lower().replace("\u2019", "'")
    return list(_WORD_PART.findall(_POSSESSIVE.sub("", lowered)))


@given(st.lists(st.sampled_from([*_WORD_ALPHABET, "'s", "'S", "s'", "''"]), max_size=16))
@settings(max_examples=2000, deadline=None)
def test_words_are_the_regular_expressions_word_parts(parts: list[str]) -> None:
    from framing.lexicon.topics import _words

    text = "".join(parts)
    assert _words(text).normal == _regex_words(text)


@pytest.mark.parametrize(
    "text, words",
    [
        (
            "Talks in Mombasa's port -- 'cautious' rock'n'roll",
            ["talks", "in", "mombasa", "port", "cautious", "rock'n'roll"],
        ),
        ("\u201cLagos\u201d\u2014Accra\u2019s mayor", ["lagos", "accra", "mayor"]),
        ("Caf\u00e9 owners in S\u00e3o Paulo", ["caf\u00e9", "owners", "in", "s\u00e3o", "paulo"]),
        ("a''b '' c_d", ["a", "b", "c", "d"]),
    ],
)
def test_words_of_news_text(text: str, words: list[str]) -> None:
    from framing.lexicon.topics import _words

    assert _words(text).normal == words
