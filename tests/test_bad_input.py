"""The bad-input matrix: whatever comes in, a clear error or a skipped row with its reason.

Every case runs ``framing score`` on a folder holding one good article plus the bad input. An
error case must end with one ``Error: ...`` line and exit status 1, no traceback. Every other
case must account for each input (scored + skipped = inputs) and leave the good article's
scores exactly as they are without the bad input.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app

GOOD = (
    "Italy keeps troops in Libya\n"
    "ROME - Italy said on Tuesday that its troops would stay in Libya despite the advance of "
    "strongman Khalifa Haftar's forces. The UN-backed government controls the capital. Daesh "
    "militants remain a threat in the south, officials said. The mission trains local forces "
    "and runs a field hospital. Ministers will review the mission next month, the statement "
    "added. Thousands have fled the fighting around the capital since last week. Aid groups "
    "asked for safe corridors. The talks in Rome ended without a deal on Thursday.\n"
)
ENGLISH = "The minister said the talks went well and both sides agreed to meet again. " * 4
ITALIAN = (
    "Il ministro degli esteri ha detto che la situazione in Libia resta molto delicata e che "
    "il governo italiano seguirà con attenzione gli sviluppi nei prossimi giorni. " * 4
)
LEXICON_HEAD = (
    "about:\n  name: mine\n  title: Mine\n  description: D\n  language: en\n  version: '1'\n"
    "  licence: CC0\n  sources: [me]\n  connotations:\n    neutral: plain\n"
)


@dataclass(frozen=True)
class Case:
    """``make(folder)`` writes the bad input and returns (extra arguments, inputs it adds)."""

    name: str
    make: Callable[[Path], tuple[list[str], int]]
    error: str = ""  # expected start of the error line, with {folder} for the input folder
    reason: str = ""  # expected text in a skipped row's reason
    warning: str = ""  # expected text in a warning on stderr
    check: Callable[[list[dict[str, str]]], None] | None = None


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def bad_lexicon(body: str) -> Callable[[Path], tuple[list[str], int]]:
    def make(folder: Path) -> tuple[list[str], int]:
        lexicon = write(folder.parent, "mine.yaml", LEXICON_HEAD + body)
        return ["--lexicon", str(lexicon)], 0

    return make


def empty_folder(folder: Path) -> tuple[list[str], int]:
    (folder.parent / "empty").mkdir()
    return [str(folder.parent / "empty")], 0


def row_of(rows: list[dict[str, str]], article_id: str) -> dict[str, str]:
    return next(row for row in rows if row["id"] == article_id)


CASES = [
    Case("missing path", lambda f: ([str(f / "nowhere")], 0), error="Error: {folder}/nowhere: no such file or folder"),
    Case("folder without articles", lambda f: empty_folder(f), error="Error: {parent}/empty: no articles here"),
    Case("empty file", lambda f: (write(f, "empty.txt", b""), ([], 1))[1], reason="empty file (0 bytes)"),
    Case("whitespace only", lambda f: (write(f, "blank.txt", " \n\t \n"), ([], 1))[1], reason="no text (empty or only whitespace)"),
    Case("binary file", lambda f: (write(f, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ([], 1))[1], reason="binary file (contains NUL bytes), not text"),
    Case("truncated UTF-8", lambda f: (write(f, "cut.txt", ("Headline\n" + ENGLISH + "Café").encode()[:-1]), ([], 1))[1], warning="ends inside a character (truncated)"),
    Case("Latin-1", lambda f: (write(f, "latin1.txt", ("Headline\nThe naïve café owner had déjà vu. " + ENGLISH).encode("latin-1")), ([], 1))[1], warning="not UTF-8; read as cp1252 (detected)", check=lambda rows: None if "latin1" in {r["id"] for r in rows} else pytest.fail("not scored")),
    Case("Windows-1252", lambda f: (write(f, "cp1252.txt", ("Headline\nThe minister’s “plan” was clear. " + ENGLISH).encode("cp1252")), ([], 1))[1], warning="read as cp1252 (detected)"),
    Case("UTF-16 with BOM", lambda f: (write(f, "utf16.txt", ("Headline\n" + ENGLISH).encode("utf-16")), ([], 1))[1], check=lambda rows: None if row_of(rows, "utf16")["encoding"] == "utf-16" else pytest.fail("wrong encoding")),
    Case("UTF-8 with BOM", lambda f: (write(f, "bom.txt", "\ufeffHeadline here\n" + ENGLISH), ([], 1))[1], check=lambda rows: None if row_of(rows, "bom")["title"] == "Headline here" else pytest.fail("BOM left in title")),
    Case("50 MB file", lambda f: (write(f, "huge.txt", b"word " * (10 * 2**20)), ([], 1))[1], reason="over the 20 MB limit for one article"),
    Case("5-million-character line", lambda f: (write(f, "line.txt", "Headline\n" + "x" * 5_000_000), ([], 1))[1], reason="the article text has 5,000,009 characters, over the limit of 1,000,000"),
    Case("HTML instead of text", lambda f: (write(f, "page.txt", f"<!DOCTYPE html><html><head><title>T</title><script>x()</script></head><body><h1>Real headline</h1><p>{ENGLISH}</p></body></html>"), ([], 1))[1], check=lambda rows: None if row_of(rows, "page")["title"] == "Real headline" else pytest.fail("HTML not extracted")),
    Case("non-English text", lambda f: (write(f, "italiano.txt", "Titolo\n" + ITALIAN), ([], 1))[1], warning="most of its words are not common English words"),
    Case("CSV with ragged rows", lambda f: (write(f, "ragged.csv", f"id,outlet,text\nr1,A,{ENGLISH}\nr2,B\n"), ([], 2))[1], reason="row has 2 fields but the header has 3"),
    Case("CSV with embedded newlines and quotes", lambda f: (write(f, "quoted.csv", f'id,outlet,text\nq1,A,"{ENGLISH}\nHe said ""no"", twice."\n'), ([], 1))[1], check=lambda rows: None if row_of(rows, "q1")["sentences"] == "5" else pytest.fail(row_of(rows, "q1")["sentences"])),
    Case("CSV without a text column, in a folder", lambda f: (write(f, "notext.csv", "id,outlet\n1,A\n"), ([], 1))[1], reason="no text column; name one of text, content, body"),
    Case("CSV without a text column, named", lambda f: ([str(write(f.parent, "notext.csv", "id,outlet\n1,A\n"))], 0), error="Error: {parent}/notext.csv: no text column"),
    Case("manifest in a subfolder", lambda f: ((f / "sub").mkdir(), write(f / "sub", "a.txt", "Headline\n" + ENGLISH), write(f / "sub", "manifest.csv", "file,outlet\na.txt,Sub Outlet\n"), ([], 1))[-1], check=lambda rows: None if row_of(rows, "sub/a")["outlet"] == "Sub Outlet" else pytest.fail("nested manifest ignored")),
    Case("duplicate ids", lambda f: (write(f, "dupes.csv", f"id,outlet,text\nd1,A,{ENGLISH}\nd1,B,{ENGLISH}\n"), ([], 2))[1], reason="duplicate id 'd1'"),
    Case("JSONL with a broken line", lambda f: (write(f, "lines.jsonl", json.dumps({"id": "j1", "outlet": "A", "text": ENGLISH}) + "\n{broken\n"), ([], 2))[1], reason="not valid JSON"),
    Case("JSONL line that is not an object", lambda f: (write(f, "list.jsonl", '["a", "b"]\n'), ([], 1))[1], reason="a JSON line must be an object"),
    Case("manifest naming a missing file", lambda f: (write(f, "manifest.csv", "file,outlet\ngood.txt,Good Outlet\nghost.txt,Ghost\n"), ([], 1))[1], reason="listed in the manifest but no such file"),
    Case("manifest without a file column", lambda f: (["--manifest", str(write(f.parent, "list.csv", "name,outlet\ngood.txt,A\n"))], 0), error="Error: {parent}/list.csv: manifest has no 'file' column"),
    Case("unsupported document", lambda f: (write(f, "report.pdf", b"%PDF-1.4\n"), ([], 1))[1], reason=".pdf documents are not read"),
    Case("lexicon with a duplicate variant", bad_lexicon("concepts:\n  - id: c\n    label: C\n    note: N\n    variants:\n      - {term: x, connotation: neutral, note: n}\n  - id: d\n    label: D\n    note: N\n    variants:\n      - {term: x, connotation: neutral, note: n}\n"), error="Error: {parent}/mine.yaml:21: form 'x' of 'x' (d) is already a form of 'x' (c)"),
    Case("lexicon with an empty concept", bad_lexicon("concepts:\n  - id: c\n    label: C\n    note: N\n    variants: []\n"), error="Error: {parent}/mine.yaml:15: concept 'c' has no variants"),
    Case("lexicon with an unknown key", bad_lexicon("concepts:\n  - id: c\n    label: C\n    note: N\n    weight: 2\n    variants: []\n"), error="Error: {parent}/mine.yaml:15: unknown key 'weight' in a concept"),
    Case("lexicon with a wrong type", bad_lexicon("concepts:\n  - id: c\n    label: C\n    note: N\n    variants:\n      - {term: x, connotation: neutral, note: n, plural: often}\n"), error="Error: {parent}/mine.yaml:16: plural of 'x' must be true or false"),
    Case("text of emoji", lambda f: (write(f, "emoji.txt", "😀😀\n🇱🇾 🔥🔥🔥 👍\n"), ([], 1))[1], check=lambda rows: None if row_of(rows, "emoji")["sentiment_note"] == "no sentence with words to score" else pytest.fail("emoji")),
    Case("right-to-left text", lambda f: (write(f, "arabic.txt", "عنوان\n" + "قال وزير الخارجية إن الوضع في ليبيا لا يزال حساسا جدا. " * 8), ([], 1))[1], warning="not common English words"),
    Case("zero-width characters", lambda f: (write(f, "hidden.txt", "Headline\nThe Dae\u200bsh militants left. The strong\u200bman spoke. " + ENGLISH), ([], 1))[1], check=lambda rows: None if row_of(rows, "hidden")["term_hits"] != "0" and "\u200b" not in row_of(rows, "hidden")["most_negative_sentence"] else pytest.fail("zero-width")),
    Case("results folder is the input folder", lambda f: (["--out", str(f)], 0), error="Error: --out {folder}: is an input folder"),
]  # fmt: skip


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def run(folder: Path, out: Path, extra: list[str]) -> tuple[int, str]:
    args = ["score", str(folder), "--out", str(out), *extra]
    if "--out" in extra:
        args = ["score", str(folder), *extra]
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("baseline") / "in"
    folder.mkdir()
    write(folder, "good.txt", GOOD)
    code, err = run(folder, folder.parent / "out", [])
    assert code == 0, err
    row = row_of(read_rows(folder.parent / "out" / "articles.csv"), "good")
    return {k: v for k, v in row.items() if k not in ("source_path", "outlet", "outlet_source")}


def test_the_matrix_has_at_least_25_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input(case: Case, tmp_path: Path, baseline: dict[str, str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "good.txt", GOOD)
    extra, added = case.make(folder)
    out = tmp_path / "out"
    code, err = run(folder, out, extra)
    assert "Traceback" not in err
    if case.error:
        expected = case.error.format(folder=folder, parent=folder.parent)
        assert code == 1, err
        assert err.startswith(expected), err
        assert err.count("\n") == 1, "an error is one line"
        assert not out.exists(), "nothing is written when the run stops with an error"
        return
    assert code == 0, err
    articles = read_rows(out / "articles.csv")
    skipped = read_rows(out / "skipped.csv")
    assert len(articles) + len(skipped) == 1 + added  # every input accounted for
    good = {
        k: v
        for k, v in row_of(articles, "good").items()
        if k not in ("source_path", "outlet", "outlet_source")
    }
    assert good == baseline, "the good article's scores changed"
    if case.reason:
        assert any(case.reason in row["reason"] for row in skipped), skipped
    else:
        assert skipped == [], skipped
    if case.warning:
        assert case.warning in err, err
    if case.check:
        case.check(articles)
