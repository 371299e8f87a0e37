"""The re-run cache's kept article parts and the earlier report's tables: parts read back as
written, damaged or foreign parts refused, and a table that changed since it was written not
copied from."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.model import Article, Removal, Skipped
from framing.rerun.article_parts import ArticleParts, dump_parts, parse_parts
from framing.rerun.corpus import ReadCorpus, corpus_data, read_corpus
from framing.rerun.old_tables import byte_length, file_mark, open_old_table

ROOT = Path(__file__).resolve().parent.parent
HOUSING = ROOT / "tests" / "corpora" / "housing"
TABLES = {"sentences.csv", "term_hits.csv"}


def two_articles() -> ArticleParts:
    parts = ArticleParts({"council_plan:scheme": ["scheme"]}, ["words", "variant\x1f'x'"])
    parts.ids = ["a1", "a2"]
    parts.offsets = {"sentences.csv": np.array([10, 50, 90]), "term_hits.csv": np.array([8, 8, 30])}
    parts.marks = {"sentences.csv": [90, 123456], "term_hits.csv": [30, 4294967295]}
    parts.pending = ['["a1,Outlet",{}]\n', '["a2,Gazette \\u00e9",{"desk":"city"}]\n']
    parts.formula = [[], [["term_hits.csv", "matched_text"]]]
    parts.row_columns = [np.array([0, 1]), np.array([0])]
    parts.row_values = [np.array([412.0, 2.0]), np.array([0.25])]
    parts.stories = [["a1", "Outlet", "2024-03-01", "Vote", "Vote on the plan", 0.1, None],
                     ["a2", "Gazette", "", "Plan", "Plan passes", None, 8.5]]  # fmt: skip
    parts.shingles = [np.array([2**64 - 1, 7], dtype=np.uint64), np.zeros(0, dtype=np.uint64)]
    parts.choices = [[["council_plan", "scheme"]], []]
    parts.views = {0: [[["council_plan", "scheme", "delegitimizing", "scheme", "text", 4, 10,
                         0, "", "in scope"]], [["text", 0, 20, "most-negative"]]]}  # fmt: skip
    return parts


def test_parts_read_back_as_written() -> None:
    parts = two_articles()
    back = parse_parts(dump_parts(parts), TABLES)
    assert back is not None
    assert (back.ids, back.pending, back.formula, back.stories, back.choices, back.views) == (
        parts.ids, parts.pending, parts.formula, parts.stories, parts.choices, parts.views
    )  # fmt: skip
    assert back.marks == parts.marks and back.anchors == parts.anchors
    for name in TABLES:
        assert back.offsets[name].tolist() == parts.offsets[name].tolist()
    kept = parts.row_columns + parts.row_values + parts.shingles
    read = back.row_columns + back.row_values + back.shingles
    assert [k.tolist() for k in kept] == [r.tolist() for r in read]


def damaged(change: str) -> str:
    head, _newline, pending = dump_parts(two_articles()).partition("\n")
    entry = json.loads(head)
    if change == "offsets past the file":
        entry["tables"]["sentences.csv"][0][0] = 89
    elif change == "a column past the names":
        entry["names"] = entry["names"][:1]
    elif change == "a story too short":
        entry["stories"][1] = entry["stories"][1][:6]
    elif change == "a tone that is text":
        entry["stories"][0][5] = "0.1"
    elif change == "a table of another run":
        entry["tables"]["removed.csv"] = entry["tables"].pop("term_hits.csv")
    elif change == "one article too few":
        entry["ids"] = entry["ids"][:1]
    elif change == "an array cut short":
        entry["rows"][2] = entry["rows"][2][:-4]
    elif change == "a view out of range":
        entry["views"][0][0] = 2
    elif change == "not base64":
        entry["shingles"][1] = "not base64!"
    elif change == "pending rows cut short":
        pending = pending[:-3]
    elif change == "no pending rows":
        return json.dumps(entry)
    return json.dumps(entry) + "\n" + pending


@pytest.mark.parametrize(
    "change",
    ["offsets past the file", "a column past the names", "a story too short",
     "a tone that is text", "a table of another run", "one article too few",
     "an array cut short", "a view out of range", "not base64", "pending rows cut short",
     "no pending rows"],
)  # fmt: skip
def test_damaged_or_foreign_parts_are_refused(change: str) -> None:
    assert parse_parts(damaged(change), TABLES) is None


def test_parts_that_are_not_json_are_refused() -> None:
    assert parse_parts("[1, 2", TABLES) is None
    assert parse_parts("[1, 2]", TABLES) is None


def test_a_read_corpus_reads_back_and_damaged_rows_are_refused() -> None:
    article = Article("a1", "Outlet", "Vote", "The council voted.", "2024-03-01", "", "in.csv",
                      2, "column", "utf-8", (Removal(3, "share_bar", "Share this"),),
                      (("desk", "city"),))  # fmt: skip
    corpus = ReadCorpus(
        (article,),
        (Skipped("in.csv", "empty text", 3, "a2"),),
        ("a warning",),
        ("in.csv",),
        ("desk",),
    )
    data = json.loads(json.dumps(corpus_data(corpus)))
    assert read_corpus(data) == corpus
    data["articles"][0][7] = "2"  # a line number that is text
    assert read_corpus(data) is None
    assert read_corpus([corpus_data(corpus)]) is None


def test_byte_length_counts_utf8_bytes() -> None:
    assert byte_length("plain,text\r\n") == 12
    assert byte_length("café “quoted”") == len("café “quoted”".encode())
    assert byte_length("lone \udc80") == len("lone ?")


def test_a_table_is_copied_from_only_while_it_holds_the_bytes_written(tmp_path: Path) -> None:
    table = tmp_path / "sentences.csv"
    table.write_bytes(b"id,text\r\na1,First.\r\n")
    mark = file_mark(table)
    opened = open_old_table(table, mark, b"id,text\r\n")
    assert opened is not None
    opened.close()
    assert open_old_table(table, mark, b"id,words\r\n") is None  # another header
    table.write_bytes(b"id,text\r\na1,Fixed.\r\n")  # same size, other bytes
    assert open_old_table(table, mark, b"id,text\r\n") is None
    table.write_bytes(b"id,text\r\na1,First.\r\n")  # written again, the same bytes
    opened = open_old_table(table, mark, b"id,text\r\n")
    assert opened is not None
    opened.close()
    assert open_old_table(tmp_path / "missing.csv", mark, b"") is None


PACK = (ROOT / "tests" / "test_rerun.py").read_text(encoding="utf-8").split('PACK = """\\\n')[1]
PACK = PACK.split('"""')[0]


def test_a_changed_table_of_the_earlier_report_is_written_afresh(tmp_path: Path) -> None:
    inputs = tmp_path / "housing"
    shutil.copytree(HOUSING, inputs)
    lexicon = tmp_path / "pack.yaml"
    lexicon.write_text(PACK, encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    command = ["report", str(inputs), "--out", str(out), "--lexicon", str(lexicon), "--jobs", "1"]
    assert runner.invoke(app, command).exit_code == 0
    sentences = (out / "sentences.csv").read_bytes()
    # Someone edits a row of the earlier report in place: its rows are not copied again.
    (out / "sentences.csv").write_bytes(sentences.replace(b",text\r\n", b",TEXT\r\n", 1))
    again = runner.invoke(app, command)
    assert again.exit_code == 0, again.output
    assert "Rows written afresh: sentences.csv of the earlier report was changed" in again.output
    assert (out / "sentences.csv").read_bytes() == sentences
    copied = runner.invoke(app, command)  # and the run after copies from the rewritten table
    assert "the rows of" in copied.output and "Rows written afresh" not in copied.output
    assert (out / "sentences.csv").read_bytes() == sentences
