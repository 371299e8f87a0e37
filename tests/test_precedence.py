"""Which entry counts when two packs list the same form: user over built-in, topic over general,
and never two packs of the same rank."""

from __future__ import annotations

from dataclasses import replace

import pytest

from framing.errors import LexiconError
from framing.lexicon.loader import builtin_packs, check_pack, merge, read_lexicon, restrict
from framing.lexicon.pack_parser import ParsedPack, parse_pack
from framing.lexicon.precedence import GENERAL, TOPIC, USER, rank


def pack(name: str, terms: dict[str, list[str]], scope: str = "general") -> str:
    """A pack text with one concept per entry of ``terms``: concept id -> variant terms."""
    topic = f"  scope: topic\n  detect: [{name.title()}land]\n" if scope == "topic" else ""
    text = (
        f"about:\n  name: {name}\n  title: T\n  description: D\n  language: en\n"
        f'  version: "1"\n{topic}  licence: CC0\n  sources: [tests]\n'
        "  connotations:\n    neutral: descriptive\n    loaded: judging\nconcepts:\n"
    )
    for concept, variants in terms.items():
        text += f"  - id: {concept}\n    label: {concept}\n    note: N\n    variants:\n"
        for term in variants:
            forms = term.split("|")
            text += (
                f"      - term: {forms[0]}\n        connotation: loaded\n        note: n\n"
                f"        forms: [{', '.join(forms)}]\n"
            )
    return text


def builtin(text: str, path: str) -> ParsedPack:
    parsed, concepts, actors = parse_pack(text, path)
    return replace(parsed, builtin=True), concepts, actors


GENERAL_PACK = builtin(
    pack("words", {"loaded_words": ["regime|military regime", "thug"], "other": ["slammed"]}),
    "lexicons/words.yaml",
)
TOPIC_PACK = builtin(
    pack("ruritania", {"government_name": ["regime", "government"]}, "topic"),
    "lexicons/ruritania.yaml",
)


def variants_of(lexicon_concepts: object, concept: str) -> dict[str, tuple[str, ...]]:
    found = next(c for c in lexicon_concepts if c.id == concept)  # type: ignore[attr-defined]
    return {v.term: v.forms for v in found.variants}


def test_ranks() -> None:
    assert rank(GENERAL_PACK[0]) == GENERAL
    assert rank(TOPIC_PACK[0]) == TOPIC
    assert rank(parse_pack(pack("mine", {"c": ["x"]}), "mine.yaml")[0]) == USER


def test_a_user_form_replaces_the_built_in_one_with_one_notice() -> None:
    mine = parse_pack(pack("mine", {"my_words": ["regime", "strongman"]}), "mine.yaml")
    lexicon = merge([GENERAL_PACK, mine])
    # The built-in variant keeps its other form; the user's entry takes "regime".
    assert variants_of(lexicon.concepts, "loaded_words") == {
        "regime": ("military regime",),
        "thug": ("thug",),
    }
    assert variants_of(lexicon.concepts, "my_words")["regime"] == ("regime",)
    assert lexicon.notices == (
        "'regime' (my_words, mine.yaml:17) replaces 'regime' (loaded_words, "
        "lexicons/words.yaml:17) for form 'regime' in this run (your lexicon wins over a "
        "built-in pack)",
    )


def test_a_variant_or_concept_left_empty_is_dropped() -> None:
    mine = parse_pack(pack("mine", {"my_words": ["slammed"]}), "mine.yaml")
    lexicon = merge([GENERAL_PACK, mine])
    assert "other" not in {c.id for c in lexicon.concepts}
    assert len(lexicon.notices) == 1


def test_a_topic_pack_wins_over_a_general_pack() -> None:
    lexicon = merge([TOPIC_PACK, GENERAL_PACK])
    assert variants_of(lexicon.concepts, "government_name")["regime"] == ("regime",)
    assert variants_of(lexicon.concepts, "loaded_words")["regime"] == ("military regime",)
    assert lexicon.notices[0].endswith("(a topic pack wins over a general pack)")
    # Without the topic pack, the general pack has its form back.
    general_only = restrict(lexicon, ["words"])
    assert variants_of(general_only.concepts, "loaded_words")["regime"] == (
        "regime",
        "military regime",
    )
    assert general_only.notices == ()


def test_a_user_form_wins_over_a_topic_and_a_general_pack_at_once() -> None:
    mine = parse_pack(pack("mine", {"my_words": ["regime"]}), "mine.yaml")
    lexicon = merge([TOPIC_PACK, GENERAL_PACK, mine])
    assert "regime" not in variants_of(lexicon.concepts, "government_name")
    assert len(lexicon.notices) == 2


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            builtin(pack("one", {"a": ["regime"]}, "topic"), "lexicons/one.yaml"),
            builtin(pack("two", {"b": ["regime"]}, "topic"), "lexicons/two.yaml"),
        ),
        (
            builtin(pack("one", {"a": ["regime"]}), "lexicons/one.yaml"),
            builtin(pack("two", {"b": ["regime"]}), "lexicons/two.yaml"),
        ),
        (
            parse_pack(pack("one", {"a": ["regime"]}), "one.yaml"),
            parse_pack(pack("two", {"b": ["regime"]}), "two.yaml"),
        ),
    ],
    ids=["two topic packs", "two general packs", "two user files"],
)
def test_packs_of_the_same_rank_may_not_share_a_form(first: ParsedPack, second: ParsedPack) -> None:
    with pytest.raises(LexiconError, match="is already a form of 'regime' \\(a\\)"):
        merge([first, second])


def test_a_clash_inside_one_file_stays_an_error() -> None:
    text = pack("mine", {"a": ["regime"], "b": ["regime"]})
    problems, overrides = check_pack(text, "mine.yaml", [GENERAL_PACK])
    assert [str(p) for p in problems] == [
        "mine.yaml:25: form 'regime' of 'regime' (b) is already a form of 'regime' (a) at "
        "mine.yaml:17; a form may belong to one variant only"
    ]
    assert [o.loser.concept for o in overrides] == ["loaded_words"]


def test_a_user_file_named_like_a_built_in_pack_replaces_it() -> None:
    mine = parse_pack(pack("words", {"my_words": ["thug"]}), "mine.yaml")
    lexicon = merge([GENERAL_PACK, mine])
    assert [p.path for p in lexicon.packs] == ["mine.yaml"]
    assert {c.id for c in lexicon.concepts} == {"my_words"}
    assert lexicon.notices == (
        "mine.yaml replaces the built-in pack 'words' (lexicons/words.yaml) in this run, "
        "because it has the same name",
    )
    assert restrict(lexicon, ["words"]).notices == lexicon.notices


def test_every_built_in_pack_loads_together_without_a_clash() -> None:
    """Two built-in topic packs must never share a form or an alias, and a general pack may
    lose a form only to a topic pack. Covers every pack shipped, including new ones."""
    parsed = builtin_packs()
    lexicon = merge(parsed)  # raises on any clash between packs of the same rank
    assert [p.name for p in lexicon.packs] == [p.name for p, _c, _a in parsed]
    assert all(n.endswith("(a topic pack wins over a general pack)") for n in lexicon.notices)
    topic = [p for p in lexicon.packs if p.scope == "topic"]
    assert topic, "at least one built-in topic pack"
    assert all(p.detect for p in topic)
    # The same pack list comes back from read_lexicon, which the command line uses.
    assert [p.name for p in read_lexicon().packs] == [p.name for p in lexicon.packs]


def with_actor(text: str, actor_id: str, aliases: str) -> str:
    return text + f"actors:\n  - id: {actor_id}\n    label: L\n    aliases: [{aliases}]\n"


def test_a_user_actor_with_a_built_in_id_replaces_it() -> None:
    topic = builtin(
        with_actor(pack("ruritania", {"c": ["x"]}, "topic"), "king", "Rudolf, the King"),
        "lexicons/r.yaml",
    )
    mine = parse_pack(with_actor(pack("mine", {"d": ["y"]}), "king", "Rudolf V"), "mine.yaml")
    lexicon = merge([topic, mine])
    assert [(a.id, a.pack, a.aliases) for a in lexicon.actors] == [("king", "mine", ("Rudolf V",))]
    assert lexicon.notices == (
        "actor 'king' (mine.yaml:22) replaces actor 'king' (lexicons/r.yaml:24), which has the "
        "same id, in this run (your lexicon wins over a built-in pack)",
    )


def test_a_user_actor_takes_a_shared_alias_and_the_built_in_actor_keeps_the_rest() -> None:
    topic = builtin(
        with_actor(pack("ruritania", {"c": ["x"]}, "topic"), "king", "Rudolf, the King"),
        "lexicons/r.yaml",
    )
    mine = parse_pack(
        with_actor(pack("mine", {"d": ["y"]}), "rudolf", "rudolf, Rassendyll"), "mine.yaml"
    )
    lexicon = merge([topic, mine])
    assert {a.id: a.aliases for a in lexicon.actors} == {
        "king": ("the King",),
        "rudolf": ("rudolf", "Rassendyll"),
    }
    assert lexicon.notices[0].startswith(
        "actor 'rudolf' (mine.yaml:22) takes the alias 'Rudolf' from actor 'king'"
    )
    problems, overrides = check_pack(
        with_actor(pack("mine", {"d": ["y"]}), "rudolf", "rudolf"), "mine.yaml", [topic]
    )
    assert problems == [] and len(overrides) == 1
    assert "is also an alias of 'king' in the built-in pack 'ruritania'" in overrides[0].warning()


def test_two_built_in_packs_may_not_share_an_alias() -> None:
    one = builtin(
        with_actor(pack("one", {"a": ["x"]}, "topic"), "king", "Rudolf"), "lexicons/1.yaml"
    )
    two = builtin(
        with_actor(pack("two", {"b": ["y"]}, "topic"), "rudolf", "rudolf"), "lexicons/2.yaml"
    )
    with pytest.raises(
        LexiconError, match="alias 'rudolf' of actor 'rudolf' is already an alias of 'king'"
    ):
        merge([one, two])
