"""`framing lexicon ...`: list, show, validate, new and suggest."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.compare.suggest import ActorAliases, suggest_descriptors
from framing.lexicon.loader import read_stopwords, validate_pack
from framing.model import Article
from framing.settings import CompareSettings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_shows_packs_concepts_and_counts() -> None:
    code, out, _err = run("lexicon", "list")
    assert code == 0
    assert "libya" in out and "general" in out and "frame_economic" in out
    assert "haftar_title" in out and "How Khalifa Haftar is titled" in out


def test_show_a_concept() -> None:
    code, out, _err = run("lexicon", "show", "haftar_title")
    assert code == 0
    assert out.startswith("How Khalifa Haftar is titled (haftar_title, pack libya)")
    assert "strongman" in out and "Field Marshal" in out and "legitimizing" in out
    assert "Aimed at: haftar (nearby: counts only where the target is in scope)" in out


def test_show_an_unknown_concept_suggests_close_ones() -> None:
    code, _out, err = run("lexicon", "show", "haftar")
    assert code == 1
    assert err.startswith("Error: no concept 'haftar'; did you mean 'haftar_title' or ")


def test_show_accepts_a_label_in_any_case_and_suggests_the_closest() -> None:
    code, out, _err = run("lexicon", "show", "verbs that DRAMATIZE  criticism")
    assert code == 0 and out.startswith("Verbs that dramatize criticism (criticism_verbs,")
    code, _out, err = run("lexicon", "show", "Verbs that dramatise criticism")
    assert code == 1
    assert err.startswith(
        "Error: no concept 'Verbs that dramatise criticism'; did you mean "
        "'Verbs that dramatize criticism'"
    )


def test_validate_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "about:\n  name: bad\n  title: Bad\n  description: D\n  language: en\n  version: '1'\n"
        "  licence: CC0\n  sources: [me]\n  connotations: {neutral: plain}\n"
        "concepts:\n"
        "  - id: one\n    label: One\n    note: N\n    variants: []\n"
        "  - id: two\n    label: Two\n    note: N\n    colour: red\n    variants: []\n"
        "  - id: three\n    label: Three\n    note: N\n    variants:\n"
        "      - {term: x, connotation: loud, note: n}\n"
        "      - {term: y, connotation: neutral, note: n, plural: maybe}\n",
        encoding="utf-8",
    )
    code, _out, err = run("lexicon", "validate", str(bad), "--alone")
    assert code == 1
    assert err.splitlines() == [
        f"{bad}:14: concept 'one' has no variants",
        f"{bad}:18: unknown key 'colour' in a concept; valid keys: id, label, note, target, "
        "target_rule, variants",
        f"{bad}:24: connotation 'loud' of 'x' is not declared in about.connotations "
        "(declared: neutral)",
        f"{bad}:25: plural of 'y' must be true or false, not 'maybe'",
        f"4 problem(s) in {bad}.",
    ]


def test_validate_warns_of_forms_shared_with_a_built_in_pack(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "about: {name: mine, title: M, description: D, language: en, version: '1', "
        "licence: CC0, sources: [me], connotations: {neutral: plain}}\n"
        "concepts:\n  - id: c\n    label: C\n    note: N\n    variants:\n"
        "      - {term: strongman, connotation: neutral, note: n}\n",
        encoding="utf-8",
    )
    code, out, err = run("lexicon", "validate", str(mine))
    assert code == 0
    assert out == f"{mine}: valid (1 concepts, 1 variants, 0 actors; 1 warning(s)).\n"
    assert err.startswith(
        f"Warning: {mine}:7: form 'strongman' of 'strongman' (c) is also in the built-in pack "
        "'libya' as 'strongman' (haftar_title, lexicons/libya.yaml:"
    )
    assert run("lexicon", "validate", str(mine), "--alone")[1:] == (
        f"{mine}: valid (1 concepts, 1 variants, 0 actors).\n",
        "",
    )


def test_validate_warns_when_a_file_replaces_a_built_in_pack(tmp_path: Path) -> None:
    copy = tmp_path / "libya.yaml"
    copy.write_text((ROOT / "lexicons" / "libya.yaml").read_text(encoding="utf-8"), "utf-8")
    code, _out, err = run("lexicon", "validate", str(copy))
    assert code == 0
    assert err == (
        f"Warning: {copy}: about.name 'libya' is the name of the built-in pack "
        "lexicons/libya.yaml; your file replaces that pack whenever you use it. To use both, "
        "give your file another about.name\n"
    )


def test_shipped_packs_validate() -> None:
    for pack in sorted((ROOT / "lexicons").glob("*.yaml")):
        if pack.name in ("outlets.yaml", "furniture.yaml"):
            continue
        assert validate_pack(pack.read_text(encoding="utf-8"), str(pack)) == [], pack


def test_new_writes_a_starter_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "elections.yaml"
    code, _out, err = run("lexicon", "new", "Local elections 2026", "--out", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "name: local_elections_2026" in text and "# Fill this in" in text
    assert run("lexicon", "validate", str(target))[0] == 0
    code, _out, err = run("lexicon", "new", "Local elections 2026", "--out", str(target))
    assert (code, err) == (1, f"Error: {target} exists; choose another --out or add --force\n")


def test_suggest_on_the_seeds_surfaces_strongman_and_field_marshal(tmp_path: Path) -> None:
    draft = tmp_path / "haftar.yaml"
    code, out, err = run("lexicon", "suggest", str(SEEDS), "--actor", "Haftar", "--out", str(draft))
    assert code == 0, err
    assert "strongman" in out and "field marshal" in out
    assert out.startswith("Khalifa Haftar: 11 mentions in 3 articles")
    assert run("lexicon", "validate", str(draft), "--alone")[0] == 0


def test_suggest_with_an_actor_nobody_mentions() -> None:
    code, _out, err = run("lexicon", "suggest", str(SEEDS), "--actor", "Napoleon")
    assert (code, err) == (1, "Error: --actor 'Napoleon': no mention found (looked for Napoleon)\n")


def test_suggest_recovers_planted_descriptors_and_nothing_else() -> None:
    rng = random.Random(5)
    shared = [
        "Officials said Haftar met envoys in Benghazi on Monday.",
        "Haftar spoke to reporters after the meeting in the east.",
        "The talks with Haftar ended late in the evening.",
        "Envoys said the visit by Haftar would continue next week.",
    ]
    filler = ["The weather was mild.", "Markets were calm.", "Trains ran on time."]
    articles, outlets = [], []
    for outlet, planted in [("A", "tyrant"), ("B", "reformer"), ("C", "")]:
        for n in range(20):
            body = (
                rng.sample(shared, 2)
                + rng.sample(filler, 2)
                + [f"The {planted} Haftar spoke again."]
            )
            rng.shuffle(body)
            articles.append(
                Article(id=f"{outlet}-{n}", outlet=outlet, title="", text=" ".join(body))
            )
            outlets.append(outlet)
    found = suggest_descriptors(
        articles, outlets, ActorAliases("Haftar", ("Haftar",)), read_stopwords(), CompareSettings()
    )
    significant = {(t.group, t.term) for t in found.terms if t.significant}
    assert significant == {("A", "tyrant"), ("B", "reformer")}


@pytest.mark.parametrize("command", ["list", "show", "validate", "new", "suggest"])
def test_every_lexicon_command_has_help_and_is_in_the_readme(command: str) -> None:
    code, out, _err = run("lexicon", command, "--help")
    assert code == 0 and "Usage:" in out
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "lexicons" / "README.md").read_text(encoding="utf-8")
    assert f"framing lexicon {command}" in readme or f"framing lexicon {command}" in guide


def test_suggest_all_drafts_planted_epithets_that_validate(tmp_path: Path) -> None:
    import json

    rng = random.Random(3)
    filler = [
        "The budget vote was postponed until the autumn session.",
        "Dockworkers held a short rally outside the town hall.",
        "Shopkeepers on the quay reported a quiet week.",
        "Inspectors found the sea wall needed urgent repairs.",
    ]
    planted = {
        "Courier": "Councillors questioned the embattled mayor Kessler about the contract.",
        "Tribune": "Councillors heard from Mayor Kessler, a reformer, about the contract.",
    }
    corpus = tmp_path / "town.jsonl"
    with corpus.open("w", encoding="utf-8") as lines:
        for outlet, sentence in planted.items():
            for n in range(10):
                body = [*rng.sample(filler, 3), sentence, "Kessler is expected to speak again."]
                rng.shuffle(body)
                row = {"id": f"{outlet}-{n}", "outlet": outlet, "title": "Port news",
                       "text": " ".join(body)}  # fmt: skip
                lines.write(json.dumps(row) + "\n")
    draft = tmp_path / "draft.yaml"
    code, out, err = run("lexicon", "suggest", str(corpus), "--all", "--out", str(draft))
    assert code == 0, err
    assert "embattled mayor Kessler" in out and "Kessler, … reformer" in out
    text = draft.read_text(encoding="utf-8")
    assert 'term: "embattled mayor"' in text and 'term: "reformer"' in text
    assert run("lexicon", "validate", str(draft))[0] == 0


def test_suggest_needs_an_actor_or_all() -> None:
    code, _out, err = run("lexicon", "suggest", str(SEEDS))
    assert (code, err) == (1, "Error: give either --actor NAME or --all\n")
