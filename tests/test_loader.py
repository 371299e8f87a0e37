"""Lexicon loading: the shipped packs are valid; malformed packs fail with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.lexicon.loader import builtin_pack_names, merge, read_lexicon
from framing.lexicon.pack_parser import parse_pack

HEADER = """\
about:
  name: t
  title: T
  description: D
  language: en
  version: "1"
  licence: CC0
  sources: [tests]
  connotations:
    neutral: descriptive
"""


def error_of(text: str) -> str:
    with pytest.raises(LexiconError) as caught:
        merge([parse_pack(text, "t.yaml")])
    return str(caught.value)


def test_shipped_packs_load_and_meet_the_size_floor() -> None:
    lexicon = read_lexicon()
    names = [pack.name for pack in lexicon.packs]
    assert "libya" in names  # topic packs first, then the general packs in report order
    assert names[-3:] == ["general", "loaded_language", "frames"]
    libya = [c for c in lexicon.concepts if c.pack == "libya"]
    assert len(libya) >= 12
    assert sum(len(c.variants) for c in libya) >= 80
    actors = {actor.id for actor in lexicon.actors}
    assert {"haftar", "tripoli_government", "italy", "turkey", "united_states",
            "islamic_state"} <= actors  # fmt: skip


def test_every_variant_has_a_note_and_a_declared_connotation() -> None:
    lexicon = read_lexicon()
    declared = {pack.name: {label for label, _ in pack.connotations} for pack in lexicon.packs}
    for concept in lexicon.concepts:
        for variant in concept.variants:
            assert variant.note.strip()
            assert variant.connotation in declared[concept.pack]


def test_small_pack_parses(small_pack_text: str) -> None:
    pack, concepts, actors = parse_pack(small_pack_text, "small.yaml")
    assert pack.name == "small"
    assert [c.id for c in concepts][:2] == ["haftar_title", "islamic_state_name"]
    assert concepts[0].variants[0].line == 18
    assert actors[1].case_sensitive_aliases == ("US", "U.S.")


def test_unknown_key_names_file_line_and_valid_keys() -> None:
    text = (
        HEADER
        + "concepts:\n  - id: c\n    label: C\n    note: N\n    colour: red\n    variants: []\n"
    )
    assert error_of(text) == (
        "t.yaml:15: unknown key 'colour' in a concept; valid keys: id, label, note, target, "
        "target_rule, variants"
    )


def test_empty_concept() -> None:
    text = HEADER + "concepts:\n  - id: c\n    label: C\n    note: N\n    variants: []\n"
    assert error_of(text) == "t.yaml:15: concept 'c' has no variants"


def test_wrong_type() -> None:
    text = HEADER + (
        "concepts:\n  - id: c\n    label: C\n    note: N\n    variants:\n"
        "      - term: x\n        connotation: neutral\n        note: n\n"
        "        case_sensitive: maybe\n"
    )
    assert error_of(text) == "t.yaml:19: case_sensitive of 'x' must be true or false, not 'maybe'"


def test_number_where_text_is_expected() -> None:
    text = HEADER.replace('version: "1"', "version: 1")
    assert error_of(text + "actors:\n  - id: a\n    label: A\n    aliases: [A]\n") == (
        't.yaml:6: about.version must be text; quote it, e.g. "1"'
    )


def test_undeclared_connotation() -> None:
    text = HEADER + (
        "concepts:\n  - id: c\n    label: C\n    note: N\n    variants:\n"
        "      - term: x\n        connotation: negative\n        note: n\n"
    )
    assert error_of(text) == (
        "t.yaml:17: connotation 'negative' of 'x' is not declared in about.connotations "
        "(declared: neutral)"
    )


def test_duplicate_variant_names_both_places() -> None:
    text = HEADER + (
        "concepts:\n  - id: c\n    label: C\n    note: N\n    variants:\n"
        "      - term: militia\n        connotation: neutral\n        note: n\n"
        "      - term: militias\n        connotation: neutral\n        note: n\n"
    )
    assert error_of(text) == (
        "t.yaml:19: form 'militias' of 'militias' (c) is already a form of 'militia' (c) at "
        "t.yaml:16; a form may belong to one variant only"
    )


def test_case_sensitive_forms_may_differ_only_in_case() -> None:
    text = HEADER + (
        "concepts:\n  - id: c\n    label: C\n    note: N\n    variants:\n"
        "      - {term: Isis, connotation: neutral, note: n, case_sensitive: true}\n"
        "      - {term: ISIS, connotation: neutral, note: n, case_sensitive: true}\n"
    )
    _pack, concepts, _actors = parse_pack(text, "t.yaml")
    assert len(merge([parse_pack(text, "t.yaml")]).concepts[0].variants) == 2
    assert concepts[0].variants[1].term == "ISIS"


def test_duplicate_key_is_an_error_not_a_silent_overwrite() -> None:
    text = HEADER + "actors:\n  - id: a\n    label: A\n    label: B\n    aliases: [A]\n"
    assert error_of(text) == "t.yaml:14: an actor has the key 'label' twice"


def test_yaml_syntax_error_has_a_line() -> None:
    assert error_of(HEADER + "concepts: [\n").startswith("t.yaml:12: not valid YAML")


def test_missing_about_field() -> None:
    text = HEADER.replace("  licence: CC0\n", "")
    assert error_of(text) == "t.yaml:2: about is missing 'licence'"


def test_empty_file() -> None:
    assert error_of("") == "t.yaml: the file is empty; see lexicons/README.md for the schema"


def test_two_packs_with_the_same_form_are_refused(small_pack_text: str) -> None:
    with pytest.raises(LexiconError, match="already a form of 'strongman'"):
        merge(
            [
                parse_pack(small_pack_text, "small.yaml"),
                parse_pack(
                    HEADER + "concepts:\n  - id: other\n    label: O\n    note: N\n    variants:\n"
                    "      - {term: strongman, connotation: neutral, note: n}\n",
                    "t.yaml",
                ),
            ]
        )


def test_user_file_missing() -> None:
    with pytest.raises(LexiconError, match=r"^nope\.yaml: no such file$"):
        read_lexicon(["nope.yaml"])


def test_unknown_builtin_pack() -> None:
    with pytest.raises(LexiconError, match="there is no built-in pack 'mars'"):
        read_lexicon(packs=["mars"])


def test_the_same_term_twice_in_a_concept_is_refused() -> None:
    text = HEADER + (
        "concepts:\n  - id: c\n    label: C\n    note: N\n    variants:\n"
        "      - {term: foo, connotation: neutral, note: n, forms: [foo]}\n"
        "      - {term: foo, connotation: neutral, note: n, forms: [fooo]}\n"
    )
    assert error_of(text) == (
        "t.yaml:17: variant 'foo' of 'c' is listed twice (first at line 16); list extra "
        "spellings under one variant's forms"
    )


ONE_CONCEPT = (
    "concepts:\n  - id: c\n    label: L\n    note: N\n    variants:\n"
    "      - {term: w, connotation: neutral, note: n}\n"
)


def test_topic_pack_declares_its_detection_terms() -> None:
    text = HEADER.replace(
        '  version: "1"\n', '  version: "1"\n  scope: topic\n  detect: [Ruritania, Strelsau]\n'
    )
    text += ONE_CONCEPT
    pack, _concepts, _actors = parse_pack(text, "t.yaml")
    assert (pack.scope, pack.detect) == ("topic", ("Ruritania", "Strelsau"))
    assert (
        parse_pack(text.replace("  scope: topic\n  detect: [Ruritania, Strelsau]\n", ""), "t.yaml")[
            0
        ].scope
        == "general"
    )


def test_topic_pack_without_detection_terms_is_refused() -> None:
    text = HEADER.replace('  version: "1"\n', '  version: "1"\n  scope: topic\n')
    text += ONE_CONCEPT
    assert error_of(text) == (
        "t.yaml:7: a topic pack needs about.detect: the terms that show an article is on its topic"
    )


def test_detection_terms_on_a_general_pack_are_refused() -> None:
    text = HEADER.replace('  version: "1"\n', '  version: "1"\n  detect: [Ruritania]\n')
    text += ONE_CONCEPT
    assert "about.detect is only for packs with scope: topic" in error_of(text)


TARGETED = (
    HEADER
    + """\
concepts:
  - id: ruler_title
    label: How the ruler is titled
    note: N
    target: ruler
    variants:
      - {term: field marshal, connotation: neutral, note: n}
actors:
  - id: ruler
    label: The ruler
    aliases: [Vesk]
"""
)


def test_a_concept_names_its_target_and_defaults_to_the_nearby_rule() -> None:
    lexicon = merge([parse_pack(TARGETED, "t.yaml")])
    concept = lexicon.concept("ruler_title")
    assert (concept.target, concept.target_rule) == ("ruler", "nearby")
    named = merge(
        [
            parse_pack(
                TARGETED.replace(
                    "    target: ruler\n", "    target: ruler\n    target_rule: names\n"
                ),
                "t.yaml",
            )
        ]
    )
    assert named.concept("ruler_title").target_rule == "names"


def test_a_target_must_be_a_known_actor() -> None:
    text = TARGETED.replace("    target: ruler\n", "    target: nobody\n")
    assert error_of(text) == (
        "t.yaml:12: target 'nobody' of concept 'ruler_title' is not the id of an actor in the "
        "packs used with it; define it under actors (known: ruler)"
    )


def test_an_unknown_target_rule_is_refused() -> None:
    text = TARGETED.replace("    target: ruler\n", "    target: ruler\n    target_rule: close\n")
    assert "target_rule 'close' of 'ruler_title' must be one of names, nearby" in error_of(text)


def _user_pack(folder: Path, variant: str) -> Path:
    pack = folder / "harbour.yaml"
    pack.write_text(
        "about:\n"
        "  name: harbour\n"
        "  title: Harbour words\n"
        "  description: Words for a port dispute, written for this test.\n"
        "  language: en\n"
        '  version: "1"\n'
        "  licence: CC0\n"
        "  sources: [written for the tests]\n"
        "  connotations:\n"
        "    critical: casts the strike as harm\n"
        "concepts:\n"
        "  - id: stoppage\n"
        "    label: The dockworkers' strike\n"
        "    note: Names carry judgement.\n"
        "    variants:\n"
        f"      - term: {variant}\n"
        "        connotation: critical\n"
        "        note: Written for this test.\n",
        encoding="utf-8",
    )
    return pack


def test_parsed_packs_are_reused_until_a_file_changes(tmp_path: Path) -> None:
    from framing.lexicon.parsed_packs import ParsedCache
    from framing.rerun.cache import RunCache

    user = _user_pack(tmp_path, "walkout")
    cache_file = tmp_path / "cache"
    with RunCache(cache_file) as cache:
        first = ParsedCache(cache)
        assert read_lexicon([user], parsed=first) == read_lexicon([user])
        assert first.reused == 0
        first.save()
    builtin = len(builtin_pack_names())
    with RunCache(cache_file) as cache:
        again = ParsedCache(cache)
        assert read_lexicon([user], parsed=again) == read_lexicon([user])
        assert again.reused == builtin + 1
        again.save()
    _user_pack(tmp_path, "shutdown")  # the user's file is edited: it alone is parsed afresh
    with RunCache(cache_file) as cache:
        edited = ParsedCache(cache)
        lexicon = read_lexicon([user], parsed=edited)
        assert edited.reused == builtin
        assert lexicon == read_lexicon([user])
        assert "shutdown" in {v.term for c in lexicon.concepts for v in c.variants}


def test_a_damaged_parsed_packs_entry_is_refused(tmp_path: Path) -> None:
    from framing.lexicon import parsed_packs
    from framing.lexicon.parsed_packs import ParsedCache
    from framing.rerun.cache import RunCache, key_of

    cache_file = tmp_path / "cache"
    with RunCache(cache_file) as cache:
        ParsedCache(cache).save()
        read_lexicon(parsed=ParsedCache(cache))
    pack = read_lexicon().packs[0]
    for forged in ((pack, (), ()), ((pack, ("not a concept",), ()),), "packs"):
        with RunCache(cache_file) as cache:
            cache.put(parsed_packs.KIND, key_of(parsed_packs.KIND), forged)
        with RunCache(cache_file) as cache:
            refused = ParsedCache(cache)
            assert cache.rebuilt == [f"{parsed_packs.KIND} (not parsed packs)"]
            assert read_lexicon(parsed=refused) == read_lexicon()
            assert refused.reused == 0
