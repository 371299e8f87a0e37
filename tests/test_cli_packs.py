"""Packs on the command line: topic packs switch on by detection, --pack and --no-pack, and a
user's lexicon that reuses words of the built-in packs.

tests/corpora/kestria/ is self-written (see its README): twelve articles from four invented
outlets about an invented country with its own Field Marshal and strongman.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app

ROOT = Path(__file__).resolve().parent.parent
KESTRIA = ROOT / "tests" / "corpora" / "kestria"
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "reports" / "seeds" / "report.md"
runner = CliRunner()

# A user's lexicon on the conflict in Kestria that reuses words the built-in packs also list.
MINE = """\
about:
  name: kestria
  title: The Kestrian conflict
  description: How outlets name the sides of the conflict in Halvard.
  language: en
  version: "1"
  licence: CC0
  sources: [my reading of the coverage]
  connotations:
    delegitimizing: denies the side's legitimacy
    neutral: descriptive
concepts:
  - id: government_label
    label: How the military government is named
    note: A regime is illegitimate; a government is not.
    variants:
      - {term: regime, connotation: delegitimizing, note: Suggests illegitimate rule.}
      - {term: military government, connotation: neutral, note: Plain description.}
  - id: fighter_label
    label: How the Halvard fighters are named
    note: The word for the fighters decides whether readers see criminals or combatants.
    variants:
      - {term: rebel, connotation: neutral, note: An armed opponent of the government.}
      - {term: terrorist, connotation: delegitimizing, note: The government's word.}
"""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def kestria_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("kestria")
    code, _out, err = run("report", str(KESTRIA), "--out", str(out), "--worksheet", "--no-store")
    assert code == 0, err
    return out, err


def test_another_countrys_field_marshal_brings_no_libya_table(
    kestria_report: tuple[Path, str],
) -> None:
    out, err = kestria_report
    assert "Packs used: general, loaded_language, frames." in err
    off = next(line for line in err.splitlines() if "off, no article on their topic:" in line)
    assert "libya" in off.split(":", 1)[1].replace(",", " ").split()
    written = [out / "report.md", out / "report.html", *sorted(out.glob("*.csv"))]
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert not re.search("haftar|gaddafi", text, re.IGNORECASE), path.name
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="worksheet"' in html  # the worksheet was written, and names neither
    report = (out / "report.md").read_text(encoding="utf-8")
    part = report.split("### Which topic packs were used, and why")[1].split("\n## ")[0]
    assert "- libya: off, 0 of 12 articles mention its terms (needs 3)" in part
    assert "General packs are always used (general, loaded\\_language, frames)." in part
    assert "Which topic packs were used, and why" in html
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    libya = next(p for p in manifest["packs"] if p["name"] == "libya")
    assert (libya["used"], libya["reason"], libya["on_topic"], libya["articles"]) == (
        False, "not detected", 0, 12,
    )  # fmt: skip
    assert [p["name"] for p in manifest["lexicons"]] == ["general", "loaded_language", "frames"]


def test_the_seeds_still_get_every_libya_table(tmp_path: Path) -> None:
    code, _out, err = run("report", str(SEEDS), "--out", str(tmp_path), "--no-store")
    assert code == 0, err
    assert "  libya: on, 5 of 5 articles mention Libya, Libyan or Tripoli (needs 1)" in err
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    golden_tables = re.findall(r"^### .+$", GOLDEN.read_text(encoding="utf-8"), re.MULTILINE)
    assert "### How Khalifa Haftar is titled" in golden_tables
    tables = re.findall(r"^### .+$", report, re.MULTILINE)
    # The migration concepts moved to the immigration pack, which the seeds switch on; one was
    # relabelled there.
    renamed = {"### How migration control is described":
               "### How border and migration control is described"}  # fmt: skip
    assert [t for t in golden_tables if renamed.get(t, t) not in tables] == []
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    libya = next(p for p in manifest["packs"] if p["name"] == "libya")
    assert (
        libya["summary"] == "libya: on, 5 of 5 articles mention Libya, Libyan or Tripoli (needs 1)"
    )
    assert libya["terms"][0] == {"term": "Libya", "articles": 5}


def test_a_user_lexicon_reusing_built_in_words_validates_with_warnings(tmp_path: Path) -> None:
    mine = tmp_path / "kestria.yaml"
    mine.write_text(MINE, encoding="utf-8")
    code, out, err = run("lexicon", "validate", str(mine))
    assert code == 0, err
    # "regime" alone is no longer a loaded word (only "the regime" and such phrases are), so it
    # clashes with nothing; "rebel" and "terrorist" are Libya-pack words.
    assert out == f"{mine}: valid (2 concepts, 4 variants, 0 actors; 2 warning(s)).\n"
    warnings = err.splitlines()
    assert len(warnings) == 2 and all(w.startswith("Warning: ") for w in warnings)
    rebel = next(w for w in warnings if "'rebel'" in w)
    assert rebel.startswith(f"Warning: {mine}:23: form 'rebel' of 'rebel' (fighter_label) ")
    assert "is also in the built-in pack 'libya' as " in rebel
    assert rebel.endswith(
        "your entry replaces it whenever that pack is used, which is right if you meant it; to "
        "count the word with the built-in entry instead, remove the form from your file"
    )
    assert [w.split(": form ")[1].split()[0] for w in warnings] == ["'rebel'", "'terrorist'"]
    assert sum("built-in pack 'libya' as" in w for w in warnings) == 2


def test_a_clash_inside_the_users_file_is_still_an_error(tmp_path: Path) -> None:
    mine = tmp_path / "kestria.yaml"
    mine.write_text(
        MINE.replace("term: military government", "term: regime", 1).replace(
            "Plain description.", "Twice."
        ),
        encoding="utf-8",
    )
    code, _out, err = run("lexicon", "validate", str(mine))
    assert code == 1
    assert f"{mine}:18: variant 'regime' of 'government_label' is listed twice" in err


def test_report_runs_with_the_users_lexicon_and_the_default_packs(tmp_path: Path) -> None:
    mine = tmp_path / "kestria.yaml"
    mine.write_text(MINE, encoding="utf-8")
    out = tmp_path / "report"
    code, _out, err = run(
        "report", str(KESTRIA), "--out", str(out), "--lexicon", str(mine), "--no-store"
    )
    assert code == 0, err
    assert "Packs used: general, loaded_language, frames, kestria." in err
    notes = [line for line in err.splitlines() if line.startswith("Note: ")]
    assert notes == []  # the general packs list none of the three words alone
    hits = (out / "term_hits.csv").read_text(encoding="utf-8")
    for variant in ("regime", "rebel", "terrorist"):
        assert f"government_label,{variant}," in hits or f"fighter_label,{variant}," in hits
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "### How the Halvard fighters are named" in report
    # Forced on, the Libya pack loses "rebel" and "terrorist" to the user's file.
    code, _out, err = run(
        "report", str(KESTRIA), "--out", str(tmp_path / "forced"), "--lexicon", str(mine),
        "--pack", "libya", "--no-store",
    )  # fmt: skip
    assert code == 0, err
    assert "  libya: on (--pack)" in err  # decided by the option
    notes = [line for line in err.splitlines() if line.startswith("Note: ")]
    assert len(notes) == 2 and all("lexicons/libya.yaml" in note for note in notes)
    manifest = json.loads((tmp_path / "forced" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["lexicon_notices"] == [note.removeprefix("Note: ") for note in notes]
    forced = (tmp_path / "forced" / "report.md").read_text(encoding="utf-8")
    assert "Where two packs list the same word, one entry counts:" in forced


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--pack", "mars"), "Error: --pack 'mars': no such built-in pack; built-in packs: "),
        (("--no-pack", "mars"), "Error: --no-pack 'mars': no such built-in pack; built-in "),
        (
            ("--pack", "libya", "--no-pack", "libya"),
            "Error: --pack 'libya' and --no-pack 'libya': choose one\n",
        ),
    ],
)
def test_pack_options_are_checked_before_any_work(args: tuple[str, ...], message: str) -> None:
    code, _out, err = run("score", str(KESTRIA), *args)
    assert code == 1 and err.startswith(message)


def test_no_pack_keeps_a_general_pack_off(tmp_path: Path) -> None:
    code, _out, err = run("score", str(KESTRIA), "--no-pack", "loaded_language", "--no-store")
    assert code == 0, err
    assert "Packs used: general, frames." in err
    assert "  loaded_language: off (--no-pack)" in err


def test_lexicon_list_shows_general_and_topic_packs() -> None:
    code, out, _err = run("lexicon", "list")
    assert code == 0
    packs = out.split("\n\n")[0].splitlines()
    rows = {line.split()[0]: line for line in packs}
    assert "when on topic" in rows["libya"] and "always (general)" in rows["frames"]
    assert "libya detects: Libya, Libyan, Libyans, Tripoli" in out
