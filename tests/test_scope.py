"""The scope rule on hard cases: when a title counts toward its target, and why not otherwise.

Each case is a short article written for this test (headline, text), the variant looked at, and
whether it counts toward its target, with a piece of the expected reason. The pack names two
people (a real commander and an invented minister); "Vesk" and "Orlan" are names no pack knows.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.lexicon.loader import merge
from framing.lexicon.model import Lexicon
from framing.lexicon.pack_parser import parse_pack
from framing.model import TermHit
from framing.scoring.terms import NAMES_REASON, compile_lexicon, find_mentions
from framing.text.segment import segment

PACK = """\
about:
  name: scoped
  title: Titles tied to their targets
  description: Terms for the scope tests.
  language: en
  version: "1"
  scope: topic
  detect: [Benghazi, Tripoli]
  licence: CC0
  sources: [written for the tests]
  connotations:
    delegitimizing: casts doubt
    neutral: descriptive
    legitimizing: lends authority
concepts:
  - id: commander_title
    label: How the commander is titled
    note: Titles carry judgement.
    target: haftar
    variants:
      - term: strongman
        connotation: delegitimizing
        note: A ruler by force.
      - term: self-styled field marshal
        connotation: delegitimizing
        note: Doubts the rank.
        plural: false
      - term: Field Marshal
        connotation: legitimizing
        note: The rank as a title.
        plural: false
      - term: LNA commander
        connotation: neutral
        note: Names him by the force he leads.
        plural: false
  - id: commander_spelling
    label: How the commander's name is spelt
    note: House styles differ.
    target: haftar
    target_rule: names
    variants:
      - term: Hifter
        connotation: neutral
        note: One spelling.
        plural: false
  - id: armed_actors
    label: Armed groups
    note: Labels for fighters.
    variants:
      - term: militia
        connotation: neutral
        note: An irregular armed group.
actors:
  - id: haftar
    label: Khalifa Haftar
    aliases: [Haftar, Khalifa Haftar, Hifter]
  - id: dorn
    label: Marta Dorn
    aliases: [Marta Dorn, Dorn]
  - id: lna
    label: The Libyan National Army
    case_sensitive_aliases: [LNA]
  - id: protesters
    label: Protesters
    aliases: [protesters, protest]
"""


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return merge([parse_pack(PACK, "scoped.yaml")])


HARD_CASES = [
    # (headline, text, variant, counted, part of the reason)
    ("", "Field Marshal Khalifa Haftar visited the port on Tuesday.",
     "Field Marshal", True, "title before the target's name"),
    ("", "Libyan strongman Khalifa Haftar left the talks early.",
     "strongman", True, "title before the target's name"),
    ("", "Haftar, the self-styled field marshal, rejected the plan.",
     "self-styled field marshal", True, "in apposition to the target"),
    ("", "The strongman, Haftar, said the talks had failed.",
     "strongman", True, "in apposition to the target"),
    ("", "Haftar met the envoys. Field Marshal Vesk ordered troops to the border.",
     "Field Marshal", False, "title before another name: Vesk"),
    ("", "Haftar held a parade. Vesk, the field marshal, watched from the stands.",
     "Field Marshal", False, "in apposition to another name: Vesk"),
    ("", "Haftar spoke first. General Orlan Vesk's troops shelled the port, and the field "
         "marshal vowed revenge.",
     "Field Marshal", False, "the sentence names another, not the target: General Orlan Vesk"),
    ("", "Khalifa Haftar met envoys in Benghazi. Haftar asked for time. The field marshal later "
         "said the meeting had gone well.",
     "Field Marshal", True, "the article's main subject"),
    ("", "Haftar toured the front. On Monday the field marshal told reporters he would stay.",
     "Field Marshal", True, "the article's main subject"),
    ("", "Haftar flew home. Officials in Benghazi said the field marshal would travel to Cairo.",
     "Field Marshal", True, "the article's main subject"),
    ("", 'Haftar addressed his troops. "We will retake the capital," the field marshal said.',
     "Field Marshal", True, "the article's main subject"),
    ("", "Haftar flew home. Benghazi's mayor said the field marshal would stay a week.",
     "Field Marshal", True, "the article's main subject"),
    ("", "Haftar's forces pushed towards Tripoli, the strongman said in a statement.",
     "strongman", True, "is the only name"),
    ("", "Haftar met Marta Dorn in Tripoli, and the field marshal praised her plan.",
     "Field Marshal", False, "another name stands as near or nearer: Marta Dorn"),
    ("", "Marta Dorn said on Friday that Haftar, after months of fighting around the ports and "
         "weeks of stalled talks over oil money, remained in every sense the strongman of the "
         "east.",
     "strongman", False, "more than 12"),
    ("", "Marta Dorn chaired the cabinet. Dorn spoke of reform. Haftar was absent. Dorn closed "
         "the meeting. The field marshal sent no envoy.",
     "Field Marshal", False, "is not the article's main subject (Marta Dorn)"),
    ("", "The field marshal sent no envoy. Haftar later denied it, and Haftar's aides agreed.",
     "Field Marshal", False, "is not named before this sentence"),
    ("", "Haftar flew to Cairo. The LNA commander said he would return on Friday.",
     "LNA commander", True, "the article's main subject"),
    ("", "Haftar toured the east. The field marshal accused NATO of betraying his country.",
     "Field Marshal", True, "the article's main subject"),
    ("", "Haftar met envoys. The strongman's forces, backed by the UAE and the Northern Army, "
         "advanced.",
     "strongman", True, "the article's main subject"),
    ("", "Haftar spoke first. The field marshal accused Europe of hypocrisy.",
     "Field Marshal", False, "the sentence names another, not the target: Europe"),
    ("", "Haftar's guards fired into the air. The field marshal blamed the protest on foreign "
         "money.",
     "Field Marshal", True, "the article's main subject"),
    ("Strongman vows to take the capital", "Khalifa Haftar spoke in Benghazi on Sunday.",
     "strongman", True, "the article's main subject"),
    ("Field Marshal Vesk Rejects Ceasefire Call", "Haftar was not at the ceasefire talks.",
     "Field Marshal", False, "title before another name: Vesk"),
    ("", "Field Marshal Vesk, the strongman of the north, ordered a curfew. The field marshal "
         "said it would last a week.",
     "strongman", False, "the target is not named in the article"),
]  # fmt: skip


@pytest.mark.parametrize(("title", "text", "variant", "counted", "reason"), HARD_CASES)
def test_scope_hard_cases(
    lexicon: Lexicon, title: str, text: str, variant: str, counted: bool, reason: str
) -> None:
    found = find_mentions(segment(title, text), compile_lexicon(lexicon), title, text)
    decided = [(hit, True) for hit in found.terms] + [(hit, False) for hit in found.out_of_scope]
    matching = [(hit, kept) for hit, kept in decided if hit.variant == variant]
    assert matching, f"{variant!r} not matched"
    hit, kept = matching[-1]
    assert (kept, hit.target) == (counted, "haftar"), hit.scope
    assert reason in hit.scope


def test_names_and_untargeted_concepts_always_count(lexicon: Lexicon) -> None:
    text = "Field Marshal Vesk called the militia loyal. Hifter was not named by him."
    found = find_mentions(segment("", text), compile_lexicon(lexicon), "", text)
    counted = {(hit.variant, hit.target, hit.scope) for hit in found.terms}
    assert ("militia", "", "") in counted
    assert ("Hifter", "haftar", NAMES_REASON) in counted
    assert [hit.variant for hit in found.out_of_scope] == ["Field Marshal"]


def test_mentions_stay_in_text_order(lexicon: Lexicon) -> None:
    text = (
        "A militia guarded Field Marshal Vesk. Field Marshal Khalifa Haftar arrived. "
        "Another militia left."
    )
    found = find_mentions(segment("", text), compile_lexicon(lexicon), "", text)
    assert [hit.variant for hit in found.terms] == ["militia", "Field Marshal", "militia"]
    assert [hit.start for hit in found.out_of_scope] == [text.index("Field Marshal Vesk")]


WORDS = st.sampled_from(
    ["Field", "Marshal", "field", "marshal", "strongman", "Haftar", "Haftar's", "Khalifa",
     "Vesk", "Marta", "Dorn", "militia", "Hifter", "self-styled", "the", "said", "in", "Tripoli",
     ",", ".", "(", ")", "\u201c", "\u2014", "\n", "On", "Monday", "The", "al", "LNA", "commander"]
)  # fmt: skip


@given(
    title=st.lists(WORDS, max_size=12).map(" ".join),
    text=st.lists(WORDS, max_size=80).map(" ".join),
)
@settings(max_examples=120, deadline=None)
def test_scope_only_sorts_matches_never_adds_or_loses_one(title: str, text: str) -> None:
    lexicon = merge([parse_pack(PACK, "scoped.yaml")])
    untargeted = replace(
        lexicon,
        concepts=tuple(replace(c, target="", target_rule="") for c in lexicon.concepts),
    )
    sentences = segment(title, text)
    scoped = find_mentions(sentences, compile_lexicon(lexicon), title, text)
    plain = find_mentions(sentences, compile_lexicon(untargeted), title, text)

    def key(hit: TermHit) -> tuple[str, int, int, str]:
        return (hit.field, hit.start, hit.end, hit.variant)

    assert sorted(map(key, (*scoped.terms, *scoped.out_of_scope))) == sorted(map(key, plain.terms))
    assert [key(h) for h in scoped.terms] == sorted(map(key, scoped.terms), key=_text_order)
    for hit in (*scoped.terms, *scoped.out_of_scope):
        assert (hit.target == "haftar") == (hit.concept != "armed_actors")
        assert bool(hit.scope) == bool(hit.target)
    assert all(hit.concept == "commander_title" for hit in scoped.out_of_scope)


def _text_order(key: tuple[str, int, int, str]) -> tuple[bool, int]:
    return (key[0] == "text", key[1])
