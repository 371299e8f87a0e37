"""The command line: exit codes, exact messages, output files, and the committed example."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.store import STORE_NAME

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXAMPLE = ROOT / "reports" / "seeds"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    from importlib.metadata import version

    code, out, _err = run("--version")
    assert code == 0 and re.fullmatch(r"framing \d+\.\d+\.\d+\n", out)
    # The version is written once, in framing/__init__.py; the installed metadata reads it.
    assert out == f"framing {version('framing')}\n"


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "framing", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("framing ")


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code, out, _err = run("--help")
    assert code == 0
    commands = re.findall(r"^  (\w+)\s+\S", out.split("Commands:")[1], flags=re.MULTILINE)
    assert commands, out
    for command in commands:
        code, help_text, _err = run(command, "--help")
        assert code == 0 and "--help" in help_text
        for option in re.findall(r"^  (--[a-z-]+)", help_text, flags=re.MULTILINE):
            assert option.strip() and "  " + option in help_text
        assert f"framing {command}" in readme, f"README does not show `framing {command}`"


def test_table_lists_every_seed() -> None:
    code, out, err = run("score", str(SEEDS))
    assert code == 0, err
    for outlet in (
        "Middle East Online",
        "The Independent",
        "ANSA",
        "Press TV",
        "criminalwatch.com",
    ):
        assert outlet in out
    assert "Field Marshal" in out and "Takfiri" in out


def test_missing_path_is_one_clear_line() -> None:
    assert run("score", "no/such/folder") == (
        1,
        "",
        "Error: no/such/folder: no such file or folder\n",
    )


def test_malformed_lexicon_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("about:\n  name: x\n  colour: red\n", encoding="utf-8")
    code, _out, err = run("score", str(SEEDS), "--lexicon", str(bad))
    assert code == 1
    assert err.startswith(f"Error: {bad}:3: unknown key 'colour' in about; valid keys: ")


def test_csv_without_text_column(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("id,outlet\n1,A\n", encoding="utf-8")
    code, _out, err = run("score", str(export))
    assert (code, err) == (
        1,
        f"Error: {export}: no text column; name one of text, content, body, full_text, "
        "article_text, story_text, body_text, maintext, articlebody, article_body, fulltext "
        "(its columns: id, outlet)\n",
    )


def test_out_folder_may_not_be_an_input_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\nBody text here.", encoding="utf-8")
    code, _out, err = run("score", str(tmp_path), "--out", str(tmp_path))
    assert code == 1
    assert (
        err
        == f"Error: --out {tmp_path}: is an input folder; choose a separate folder for results\n"
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_out_writes_every_table_with_required_columns(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(
        "Headline\nThe strongman's forces advanced. Daesh fled.", encoding="utf-8"
    )
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    # One short article that never names Libya: the Libya pack is on only because it is asked for.
    code, _out, err = run(
        "score", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--pack", "libya"
    )
    assert code == 0, err
    articles = read_csv(tmp_path / "out" / "articles.csv")
    for column in ("id", "outlet", "title", "words", "sentences", "sentiment_compound_mean",
                   "flesch_reading_ease", "flesch_kincaid_grade", "readability_note"):  # fmt: skip
        assert column in articles[0]
    assert articles[0]["flesch_reading_ease"] == ""  # too short: empty, not 0.0
    assert articles[0]["readability_note"].startswith("only 6 words")
    hits = read_csv(tmp_path / "out" / "term_hits.csv")
    assert [(h["variant"], h["matched_text"]) for h in hits] == [
        ("strongman", "strongman's"), ("Daesh", "Daesh"),
    ]  # fmt: skip
    assert set(hits[0]) >= {"article_id", "outlet", "concept", "variant", "connotation",
                            "matched_text", "start", "end", "sentence_index"}  # fmt: skip
    # A mention points to its sentence in sentences.csv instead of repeating it.
    assert "sentence" not in hits[0]
    sentences = {(s["article_id"], s["sentence_index"]): s["text"]
                 for s in read_csv(tmp_path / "out" / "sentences.csv")}  # fmt: skip
    assert sentences[hits[1]["article_id"], hits[1]["sentence_index"]] == "Daesh fled."
    skipped = read_csv(tmp_path / "out" / "skipped.csv")
    assert [(Path(s["source_path"]).name, s["reason"]) for s in skipped] == [
        ("empty.txt", "empty file (0 bytes)")
    ]
    assert "skipped " in err and "empty file (0 bytes)" in err


def test_inline_sentences_repeat_each_mentions_sentence(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Port talks resume\nThe regime's envoy arrived on Monday. Talks ran late.",
        encoding="utf-8",
    )
    code, _out, err = run("score", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                          "--inline-sentences")  # fmt: skip
    assert code == 0, err
    hits = read_csv(tmp_path / "out" / "term_hits.csv")
    assert [(h["matched_text"], h["sentence"]) for h in hits] == [
        ("The regime's", "The regime's envoy arrived on Monday.")  # "the regime" is the form
    ]


def test_skipped_csv_has_a_header_when_nothing_is_skipped(tmp_path: Path) -> None:
    code, _out, err = run("score", str(SEEDS), "--out", str(tmp_path))
    assert code == 0, err
    assert (tmp_path / "skipped.csv").read_bytes() == b"source_path,source_line,id,reason\r\n"


def test_committed_example_is_current(
    tmp_path: Path, regenerate_golden: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """reports/seeds/ holds `framing report seeds --out reports/seeds --worksheet`; it must
    never go stale.

    Every file is compared byte for byte except manifest.json, which records the versions of
    the libraries installed where it ran. Run ``pytest --regenerate-golden`` after an intended
    change to rewrite the folder, then review the diff.
    """
    monkeypatch.chdir(ROOT)  # paths in the tables are as a user in the project folder types them
    target = EXAMPLE if regenerate_golden else tmp_path / "report"
    code, _out, err = run("report", "seeds", "--out", str(target), "--worksheet")
    assert code == 0, err
    if regenerate_golden:
        pytest.skip("rewrote reports/seeds/")
    # The score store (scores.sqlite) is a cache, not part of the report.
    # The re-run cache (scores.sqlite-rerun) beside it too.
    produced = sorted(p.name for p in target.iterdir() if not p.name.startswith(STORE_NAME))
    assert produced == sorted(
        p.name for p in EXAMPLE.iterdir() if not p.name.startswith(STORE_NAME)
    )
    for name in produced:
        if name == "manifest.json":
            continue
        assert (target / name).read_bytes() == (EXAMPLE / name).read_bytes(), (
            f"reports/seeds/{name} is stale; run pytest --regenerate-golden and review the diff"
        )
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) >= {"tool", "libraries", "lexicons", "inputs", "parameters", "counts"}
    assert {entry["path"] for entry in manifest["inputs"]} >= {
        "seeds/000_ede222b93f024957.txt",
        "seeds/manifest.csv",
    }
    assert all(len(entry["sha256"]) == 64 for entry in manifest["inputs"])


def test_report_says_what_one_article_per_outlet_can_and_cannot_show() -> None:
    report = (EXAMPLE / "report.md").read_text(encoding="utf-8")
    assert "support no conclusion about how any outlet writes in general" in report
    haftar = report.split("### How Khalifa Haftar is titled")[1].split("###")[0]
    rows = {
        line.split("|")[1].strip(): line for line in haftar.splitlines() if line.startswith("| **")
    }
    header = next(line for line in haftar.splitlines() if line.startswith("| variant"))
    columns = [c.strip() for c in header.split("|")[1:-1]]
    strongman = [c.strip() for c in rows["**strongman**"].split("|")[1:-1]]
    marshal = [c.strip() for c in rows["**Field Marshal**"].split("|")[1:-1]]
    assert strongman[columns.index("Middle East Online")].startswith("100%")
    assert marshal[columns.index("criminalwatch.com")].startswith("67%")
    islamic_state = report.split("### What the Islamic State group is called")[1].split("###")[0]
    for variant in ("**Takfiri**", "**Daesh**", "**ISIL**", "**Isis**"):
        assert variant in islamic_state


def test_every_report_csv_column_is_in_the_data_dictionary() -> None:
    dictionary = (EXAMPLE / "README.txt").read_text(encoding="utf-8")
    for table in sorted(EXAMPLE.glob("*.csv")):
        header = table.read_text(encoding="utf-8").splitlines()[0].split(",")
        section = dictionary.split(f"\n{table.name}\n")[1].split("\n\n")[0]
        for column in header:
            assert f"  {column} " in section, f"{table.name}: {column} undocumented"


def test_report_options_restrict_and_regroup(tmp_path: Path) -> None:
    code, _out, err = run(
        "report", str(SEEDS), "--out", str(tmp_path), "--by", "country",
        "--outlet", "ANSA", "--outlet", "Press TV", "--outlet", "The Independent",
    )  # fmt: skip
    assert code == 0, err
    outlets = read_csv(tmp_path / "outlets.csv")
    assert [row["country"] for row in outlets] == ["Iran", "Italy", "United Kingdom"]
    assert "Not clustered: at least 3 groups are needed" not in (tmp_path / "report.md").read_text(
        encoding="utf-8"
    )


def test_unknown_outlet_and_grouping_are_clear_errors(tmp_path: Path) -> None:
    code, _out, err = run("report", str(SEEDS), "--out", str(tmp_path), "--outlet", "BBC")
    assert (code, err) == (
        1,
        "Error: --outlet 'BBC': no such outlet; outlets: ANSA, Middle East Online, Press TV, "
        "The Independent, criminalwatch.com\n",
    )
    code, _out, err = run("compare", str(SEEDS), "--by", "colour")
    assert (code, err) == (
        1,
        "Error: --by 'colour': no such column; valid: outlet, country, note, ownership\n",
    )


@pytest.mark.parametrize("width", [80, 200])
def test_compare_fits_the_terminal_width(width: int) -> None:
    outlets = ("press tv", "ANSA", "Middle East Online", "The Independent", "criminalwatch.com")
    options = [part for name in outlets for part in ("--outlet", name)]
    code, out, err = run("compare", str(SEEDS), "--width", str(width), *options)
    assert code == 0, err
    assert max(len(line) for line in out.splitlines()) <= width
    assert "HOW KHALIFA HAFTAR IS TITLED" in out and "Field Marshal" in out
    lines = out.splitlines()
    # A multi-word variant stays on its row, never split over two lines.
    for variant in ("military strongman", "General Commander", "Takfiri terrorist"):
        assert any(line.startswith(variant + " ") for line in lines), variant
    # Tables split to fit share the outlets out: none is left with one outlet alone.
    for block in out.split("\n\n"):
        rule = next((line for line in block.splitlines() if line.startswith("---")), None)
        if rule is not None:
            fixed = 2 if block.startswith("variant") else 1
            assert len(rule.split()) - fixed >= 2, block


def test_help_reads_plainly() -> None:
    for command in ("score", "report", "compare", "stories", "fetch"):
        code, out, _err = run(command, "--help")
        assert code == 0
        assert "<int" not in out and "<float" not in out and "{" not in out, out
        assert "list[" not in out
    _code, out, _err = run("compare", "--help")
    assert "--out" not in out.replace("--outlet", "")  # compare writes no folder
    assert "--jobs N" in out and "every core" not in out


def test_report_names_report_html_first(tmp_path: Path) -> None:
    code, _out, err = run("report", str(SEEDS), "--out", str(tmp_path), "--outlet", "ansa",
                          "--outlet", "PRESS TV", "--outlet", "the independent")  # fmt: skip
    assert code == 0, err
    last = err.splitlines()[-1]
    assert last.startswith("Compared 3 outlet groups over 3 articles (skipped 0). Open ")
    assert last.index("report.html") < last.index("report.md")


def test_out_folder_inside_an_input_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\nBody text here.", encoding="utf-8")
    code, _out, err = run("score", str(tmp_path), "--out", str(tmp_path / "results"))
    assert (code, err) == (
        1,
        f"Error: --out {tmp_path / 'results'}: is inside the input folder {tmp_path}; "
        "choose a folder outside it\n",
    )


def test_table_shows_n_a_for_unscoreable_readability(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\nA short body.", encoding="utf-8")
    code, out, _err = run("score", str(tmp_path))
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("a "))
    assert row.split()[-2:] == ["n/a", "n/a"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import framing.cli_run

    corpus = tmp_path / "corpus.csv"
    rows = "".join(f"{n},A,The talks went well. Both sides agreed.\n" for n in range(40))
    corpus.write_text("id,outlet,text\n" + rows, encoding="utf-8")
    from framing.lexicon.loader import read_lexicon
    from framing.settings import ReadSettings

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(framing.cli_run, "PROGRESS_SECONDS", 0.0)
    inputs = framing.cli_run.Inputs([corpus], None, ReadSettings(), jobs=1)
    with framing.cli_run.scoring_run(inputs, inputs.reader(), read_lexicon(), None) as scoring:
        assert len(list(scoring.scores)) == 40
    assert "Scored 40 articles" in terminal.getvalue()
