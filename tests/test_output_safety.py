"""Outputs that are safe to open: spreadsheet formulas defused, files whole after Ctrl-C,
byte-identical reruns."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import TextIO

import pytest
from typer.testing import CliRunner

import framing.render.files as files_module
from framing.cli import app
from framing.render.csv_tables import cell_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
runner = CliRunner()


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2 dead", "'-2 dead"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain text", "plain text"),
        (-0.5, "-0.5"),
        (-3, "-3"),
        (0.1234567891, "0.123457"),
        (None, ""),
    ],
)
def test_formula_cells_are_defused_and_numbers_stay_numbers(
    value: str | float | None, written: str
) -> None:
    assert cell_text(value) == written


def test_csv_read_back_keeps_negative_numbers_and_defuses_titles(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "=cmd|' /C calc'!A0\nThe attack killed dozens and wounded many more. " * 3, "utf-8"
    )
    result = runner.invoke(app, ["score", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out/articles.csv").read_text("utf-8"))))
    assert rows[0]["title"] == "'=cmd|' /C calc'!A0"
    assert float(rows[0]["sentiment_compound_mean"]) < 0  # a real negative number, unprefixed


def test_excel_option_writes_a_byte_order_mark(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(SEEDS), "--out", str(tmp_path), "--excel"])
    assert result.exit_code == 0, result.stderr
    data = (tmp_path / "articles.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,outlet,")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1]["title"].startswith("Libya civil war")


def test_interrupted_report_leaves_the_previous_one_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report"
    assert runner.invoke(app, ["report", str(SEEDS), "--out", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_open = files_module.StagedFiles.open
    opened: list[str] = []

    def interrupted(self: files_module.StagedFiles, name: str) -> TextIO:
        if len(opened) == 9:
            raise KeyboardInterrupt
        opened.append(name)
        stream = real_open(self, name)
        stream.write("changed")
        return stream

    monkeypatch.setattr(files_module.StagedFiles, "open", interrupted)
    result = runner.invoke(app, ["report", str(SEEDS), "--out", str(out), "--seed", "7"])
    assert result.exit_code == 130
    assert result.stderr.endswith("Interrupted; every file written is complete, none is partial.\n")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temporary file left


def test_two_runs_give_byte_identical_reports(tmp_path: Path) -> None:
    # Separate processes with different hash seeds, so set ordering cannot leak into output.
    for name, hash_seed in (("first", "1"), ("second", "2")):
        done = subprocess.run(
            [sys.executable, "-m", "framing", "report", str(SEEDS), "--out", str(tmp_path / name)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        assert done.returncode == 0, done.stderr
    first = {p.name: p.read_bytes() for p in (tmp_path / "first").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "second").iterdir()}
    assert first == second


def test_output_folder_holding_an_input_file_is_refused(tmp_path: Path) -> None:
    export = tmp_path / "articles.csv"
    export.write_text("id,outlet,text\n1,A,Some text here.\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(export), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: --out {tmp_path}: holds the input file {export}; choose a separate folder "
        "for results\n"
    )
    assert export.read_text(encoding="utf-8") == "id,outlet,text\n1,A,Some text here.\n"


def test_a_manifest_column_named_like_a_score_column_is_renamed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\nThe talks went well today.", encoding="utf-8")
    (folder / "manifest.csv").write_text("file,outlet,words\na.txt,A,many\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    header = (tmp_path / "out/articles.csv").read_text("utf-8").splitlines()[0].split(",")
    assert header.count("words") == 1 and header[-1] == "meta_words"
