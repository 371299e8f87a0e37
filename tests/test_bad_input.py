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
import os
import socket
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.lexicon.model import Lexicon
from framing.lexicon.parsed_packs import ParsedCache

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


def expect(article_id: str, column: str, value: str) -> Callable[[list[dict[str, str]]], None]:
    """A check that one cell of articles.csv is exactly ``value``."""

    def check(rows: list[dict[str, str]]) -> None:
        assert row_of(rows, article_id)[column] == value, row_of(rows, article_id)[column]

    return check


def no_controls(rows: list[dict[str, str]]) -> None:
    cells = [cell for row in rows for cell in row.values()]
    assert not any(c in cell for cell in cells for c in "\x00\x1b\x07\u202e"), cells


def article(folder: Path, name: str, text: str = ENGLISH) -> Path:
    return write(folder, name, "Headline\n" + text)


def listed(folder: Path, header: str, *rows: str) -> None:
    """A manifest for ``other.txt`` (and more) beside the good article."""
    article(folder, "other.txt")
    write(folder, "manifest.csv", header + "\n" + "\n".join(rows) + "\n")


def link(folder: Path, name: str, target: str) -> tuple[list[str], int]:
    os.symlink(target, folder / name)
    return [], 1


def special(folder: Path, name: str, kind: str) -> tuple[list[str], int]:
    if kind == "fifo":
        os.mkfifo(folder / name)
    else:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(folder / name))
        server.close()
    return [], 1


def late_bad_byte(folder: Path) -> tuple[list[str], int]:
    # The first megabyte (where the encoding is judged) is one row too long to score; a bad
    # byte in the second row must not drop the third.
    head = f"id,outlet,text\nfirst,A,{'word ' * 210_000}\n".encode()
    bad = f"second,A,caf\xe9 {ENGLISH}\n".encode().replace(b"\xc3\xa9", b"\xe9")
    write(folder, "late.csv", head + bad + f"third,A,{ENGLISH}\n".encode())
    return [], 3


def bad_store(change: str) -> Callable[[Path], tuple[list[str], int]]:
    """A store where good.txt was scored, then its rows damaged or forged by ``change``."""

    def make(folder: Path) -> tuple[list[str], int]:
        store = folder.parent / "kept.sqlite"
        assert run(folder, folder.parent / "first", ["--store", str(store)])[0] == 0
        import shutil
        import sqlite3
        import zlib

        from framing.store_layout import LENGTH, SECTION, RowWriter
        from framing.store_rows import ANALYSIS_TAG, MATCHES_TAG

        def analysis(places: list[int], scores: list[float], text: bytes = b"") -> bytes:
            """An analysis row of one sentence (start, end, number), no terms and no names."""
            packed = RowWriter(ANALYSIS_TAG)
            packed.whole(places, 3)
            packed.whole([1], 1)  # the sentence is in the text, not the headline
            packed.real(scores, 4)
            packed.whole([1] * 6, 6)  # readability counts, then its formulas (none)
            packed.real([float("nan")] * 6, 6)
            for _empty in range(5):  # term counts, names, uses
                packed.whole([], 0)
            if not text:
                packed.text(["a note"])
            return packed.row() + text

        shutil.rmtree(folder.parent / "first")
        db = sqlite3.connect(store)
        if change == "forged":
            packed = RowWriter(MATCHES_TAG)
            for values in ([0, 1, 2, 3, 3], [0, 5, 0], [1], *[[]] * 9):  # one hit, all valid
                packed.whole(values, len(values))  # but its concept, which is not in the lexicon
            packed.real([], 0)
            packed.text(["<script>x</script>", "Daesh", "neutral", ""])
            db.execute("UPDATE matches SET data = ?", (packed.row(),))
        else:
            inflating = SECTION.pack(b"z", 1) + LENGTH.pack(100) + zlib.compress(b" " * (64 << 20))
            shape = RowWriter(ANALYSIS_TAG)
            shape.real([1.0], 1)  # where the sentences' places belong
            data = {
                "garbage": b"\x00\x01not compressed",
                "shape": shape.row(),
                "bomb": analysis([0, 5, 0], [0.0, 0.0, 0.0, 1.0], inflating),
                "out of range": analysis([0, 99999, 0], [7.5, 0.0, 0.0, 1.0]),
            }[change]
            db.execute("UPDATE analyses SET data = ?", (data,))
        db.commit()
        db.close()
        return ["--store", str(store)], 0

    return make


def deep_folder(folder: Path) -> tuple[list[str], int]:
    deep = folder
    for _level in range(1100):  # deeper than Python's recursion limit
        deep /= "d"
        deep.mkdir()
    article(deep, "deep.txt")
    return [], 1


def flatten(folder: Path) -> None:
    """Move a chain of folders named ``d`` up beside each other, one level at a time, so that
    pytest's recursive clean-up of temporary folders can remove it afterwards."""
    chain, index = folder / "d", 0
    while chain.is_dir():
        target = folder / f"level{index}"
        chain.rename(target)
        chain, index = target / "d", index + 1


def in_results(folder: Path, option: str, name: str) -> tuple[list[str], int]:
    results = folder.parent / "results"
    results.mkdir()
    write(results, "manifest.json", '{"tool": {"name": "framing"}}\n')
    write(results, name, "file,outlet\ngood.txt,A\n")
    return ["--out", str(results), option, str(results / name)], 0


def foreign_folder(folder: Path) -> tuple[list[str], int]:
    results = folder.parent / "results"
    results.mkdir()
    write(results, "thesis.docx", b"my work")
    return ["--out", str(results)], 0


def a_file(folder: Path) -> Path:
    return write(folder.parent, "afile", "not a folder")


def utf8_name(folder: Path) -> tuple[list[str], int]:
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as stream:
        stream.write(("Headline\n" + ENGLISH).encode())
    return [], 1


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
    # Issue 15, injection and defusing: what reaches articles.csv is inert, numbers stay numbers.
    Case("formula-like manifest column name", lambda f: (listed(f, "file,outlet,=region", "other.txt,A,north"), ([], 1))[1], check=lambda rows: None if "'=region" in rows[0] and row_of(rows, "other")["'=region"] == "north" else pytest.fail(str(rows[0]))),
    Case("negative numbers in a manifest", lambda f: (listed(f, "file,outlet,change,growth,note", "other.txt,A,-0.5,-1e5,-2 dead"), ([], 1))[1], check=lambda rows: None if [row_of(rows, "other")[c] for c in ("change", "growth", "note")] == ["-0.5", "-1e5", "'-2 dead"] else pytest.fail(str(row_of(rows, "other")))),
    Case("escape sequence in an outlet name", lambda f: (listed(f, "file,outlet", "other.txt,Evil\x1b]0;PWNED\x07 News"), ([], 1))[1], check=expect("other", "outlet", "Evil]0;PWNED News")),
    Case("bidirectional override in an outlet name", lambda f: (listed(f, "file,outlet", "other.txt,\u202eswen live"), ([], 1))[1], check=expect("other", "outlet", "swen live")),
    Case("NUL byte in a CSV row", lambda f: (write(f, "nul.csv", f"id,outlet,text\nn1,A,{ENGLISH}\x00 The end.\nn2,A,{ENGLISH}\n"), ([], 2))[1], warning="nul.csv:2: 1 control characters (such as NUL or escape) removed from the text", check=no_controls),
    Case("escape sequences in a text file", lambda f: (article(f, "ansi.txt", "\x1b[2J\x1b]0;PWNED\x07" + ENGLISH), ([], 1))[1], warning="ansi.txt: 3 control characters", check=no_controls),
    Case("stray NUL bytes in a text file", lambda f: (article(f, "stray.txt", ENGLISH + "\x00"), ([], 1))[1], warning="stray.txt: 1 control characters", check=expect("stray", "sentences", "4")),
    Case("lone surrogate in JSON", lambda f: (write(f, "s.jsonl", '{"id": "s1", "text": "' + ENGLISH + ' \\ud800 end."}\n'), ([], 1))[1], check=expect("s1", "id", "s1")),
    Case("file name with an escape sequence", lambda f: (article(f, "evil\x1b]0;x\x07.txt"), ([], 1))[1], check=expect("evil]0;x", "words", "56")),
    Case("file name that is not UTF-8", utf8_name, check=expect("caf\ufffd", "words", "56")),
    # Issue 15, silent losses: every entry of a folder is read or listed as skipped.
    Case("broken symbolic link", lambda f: link(f, "gone.txt", "nowhere.txt"), reason="a broken symbolic link: its target nowhere.txt does not exist"),
    Case("looping symbolic link", lambda f: (link(f, "loop-a.txt", "loop-b.txt"), link(f, "loop-b.txt", "loop-a.txt"), ([], 2))[-1], reason="a symbolic link that loops back on itself; it leads to no file"),
    Case("link back to the folder", lambda f: link(f, "again", "."), reason="a link to the folder {folder}, which is read already"),
    Case("second link to the same file", lambda f: link(f, "copy.txt", "good.txt"), reason="the same file as {folder}/good.txt, which is read already"),
    Case("named pipe", lambda f: special(f, "pipe.txt", "fifo"), reason="not a regular file but a named pipe (FIFO); only files are read"),
    Case("socket", lambda f: special(f, "socket.txt", "socket"), reason="not a regular file but a socket; only files are read"),
    Case("bad byte late in a CSV", late_bad_byte, reason="not valid utf-8 (invalid continuation byte at byte 13 of line 3); the row is not read", check=expect("third", "words", "56")),
    Case("JSONL text that is a number", lambda f: (write(f, "n.jsonl", '{"id": "n1", "text": 12345}\n'), ([], 1))[1], reason="the 'text' field is a number; it must be text (a string)"),
    Case("JSONL text that is true", lambda f: (write(f, "b.jsonl", '{"id": "b1", "text": true}\n'), ([], 1))[1], reason="the 'text' field is true/false; it must be text (a string)"),
    Case("JSONL text that is NaN", lambda f: (write(f, "nan.jsonl", '{"id": "x1", "text": NaN}\n'), ([], 1))[1], reason="the 'text' field is a number; it must be text (a string)"),
    Case("JSONL outlet that is a number", lambda f: (write(f, "o.jsonl", json.dumps({"id": "o1", "text": ENGLISH, "outlet": 7}) + "\n"), ([], 1))[1], reason="the 'outlet' field is a number; it must be text (a string)"),
    Case("JSONL null text beside a body", lambda f: (write(f, "nb.jsonl", json.dumps({"id": "nb1", "text": None, "body": ENGLISH, "outlet": "A"}) + "\n"), ([], 1))[1], check=expect("nb1", "words", "56")),
    Case("JSONL fields named alike", lambda f: (write(f, "dup.jsonl", json.dumps({"id": "d1", "text": ENGLISH, "Text": "x"}) + "\n"), ([], 1))[1], reason="the fields 'text' and 'Text' have the same name; rename one"),
    Case("JSONL numeric id and typed metadata", lambda f: (write(f, "t.jsonl", json.dumps({"id": 42, "text": ENGLISH, "score": -0.5, "flag": True, "tags": ["a", "b"]}) + "\n"), ([], 1))[1], check=lambda rows: None if [row_of(rows, "42")[c] for c in ("score", "flag", "tags")] == ["-0.5", "true", '["a","b"]'] else pytest.fail(str(row_of(rows, "42")))),
    Case("CSV columns named alike", lambda f: (write(f, "twice.csv", f"id,Text,text\n1,{ENGLISH},x\n"), ([], 1))[1], reason="the columns 'text' appear more than once"),
    Case("CSV quote never closed", lambda f: (write(f, "open.csv", f'id,outlet,text\nq1,A,{ENGLISH}\nq2,A,"Unclosed {ENGLISH}\nq3,B,{ENGLISH}\n'), ([], 2))[1], reason="a quote opened in line 3 is never closed, so lines 3 to 4 (the end of the file) are not read; close the quote", check=expect("q1", "words", "56")),
    Case("CSV with old Mac line endings", lambda f: (write(f, "mac.csv", f"id,outlet,text\rm1,A,{ENGLISH}\rm2,B,{ENGLISH}\r"), ([], 2))[1], check=expect("m2", "words", "56")),
    Case("folder 1,100 levels deep", deep_folder, check=expect("/".join(["d"] * 1100) + "/deep", "words", "56")),
    Case("manifest row outside the input folder", lambda f: (article(f.parent, "outside.txt"), write(f, "manifest.csv", "file,outlet\n../outside.txt,Elsewhere\n"), ([], 0))[-1], warning="manifest.csv:2: '../outside.txt' is not read: it is outside the input folders (name it as an input to read it)"),
    Case("outlet names in NFC and NFD", lambda f: (listed(f, "file,outlet", "other.txt," + unicodedata.normalize("NFD", "Café Press")), ([], 1))[1], check=expect("other", "outlet", "Café Press")),
    Case("outlet names differing by case", lambda f: (article(f, "two.txt"), listed(f, "file,outlet", "other.txt,Daily Star", "two.txt,DAILY STAR"), ([], 2))[-1], warning="outlet 'DAILY STAR' differs from 'Daily Star' only by case; they are counted as two outlets"),
    # Issue 15, the score store is untrusted input: damaged or forged rows are scored afresh.
    *(Case(f"store row: {change}", bad_store(change), warning="1 stored rows were damaged or not framing's; those articles were scored afresh") for change in ("garbage", "shape", "bomb", "out of range", "forged")),
    # Issue 15, outputs never overwrite inputs, system folders or someone else's files.
    Case("results in the root folder", lambda f: (["--out", "/"], 0), error="Error: --out /: is the root of the file system; choose a new folder"),
    Case("results in the home folder", lambda f: (["--out", str(Path.home())], 0), error=f"Error: --out {Path.home()}: is your home folder; choose a new folder for the results"),
    Case("manifest inside the results folder", lambda f: in_results(f, "--manifest", "list.csv"), error="Error: --out {parent}/results: holds the manifest {parent}/results/list.csv; choose a separate folder for results"),
    Case("lexicon inside the results folder", lambda f: in_results(f, "--lexicon", "mine.yaml"), error="Error: --out {parent}/results: holds the lexicon {parent}/results/mine.yaml; choose a separate folder for results"),
    Case("store inside the results folder", lambda f: in_results(f, "--store", "kept.sqlite"), error="Error: --store {parent}/results/kept.sqlite: is inside the output folder {parent}/results; keep the store outside it"),
    Case("store that is an input", lambda f: (["--store", str(f / "good.txt")], 0), error="Error: --store {folder}/good.txt: is an input file; name a new file for the store"),
    Case("results in a folder of other files", foreign_folder, error="Error: --out {parent}/results: the folder is not empty and holds no framing report (no manifest.json written by framing); choose a new or empty folder"),
    Case("results under a file", lambda f: (a_file(f), (["--out", str(f.parent / "afile" / "sub")], 0))[1], error="Error: --out {parent}/afile/sub: {parent}/afile is a file, not a folder"),
    Case("store under a file", lambda f: (a_file(f), (["--store", str(f.parent / "afile" / "s.sqlite")], 0))[1], error="Error: --store {parent}/afile/s.sqlite: {parent}/afile is a file, not a folder"),
    Case("results folder name of 300 characters", lambda f: (["--out", str(f.parent / ("x" * 300))], 0), error="Error: --out {parent}/" + "x" * 300 + ": cannot be used: File name too long"),
    Case("input name of 300 characters", lambda f: ([str(f.parent / ("y" * 300))], 0), error="Error: {parent}/" + "y" * 300 + ": cannot be read: File name too long"),
]  # fmt: skip


def read_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module", autouse=True)
def built_in_lexicon_read_once() -> Iterator[None]:
    """The built-in packs parsed once for the whole matrix (about half of each run's time);
    a case with a lexicon file of its own still reads it."""
    import framing.lexicon.loader as loader

    read = loader.read_lexicon
    cache: dict[tuple[str, ...], Lexicon] = {}

    def read_once(
        files: Sequence[Path | str] = (),
        packs: Sequence[str] | None = None,
        parsed: ParsedCache | None = None,
    ) -> Lexicon:
        if files:
            return read(files, packs, parsed)
        key = tuple(packs) if packs is not None else ("(every built-in pack)",)
        if key not in cache:
            cache[key] = read(files, packs)
        return cache[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "read_lexicon", read_once)
        yield


def run(folder: Path, out: Path, extra: list[str]) -> tuple[int, str]:
    args = ["score", str(folder), "--out", str(out), *extra]
    if "--out" in extra:
        args = ["score", str(folder), *extra]
    if "--store" not in extra:
        args.append("--no-store")  # the store has cases of its own; the rest run faster
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
    try:
        code, err = run(folder, out, extra)
    finally:
        flatten(folder)
    assert "Traceback" not in err
    if case.error:
        expected = case.error.replace("{folder}", str(folder)).replace(
            "{parent}", str(folder.parent)
        )
        assert code == 1, err
        assert err.startswith(expected), err
        assert err.count("\n") == 1, "an error is one line"
        assert not out.exists(), "nothing is written when the run stops with an error"
        return
    assert code == 0, err
    articles = read_rows(out / "articles.csv")
    skipped = read_rows(out / "skipped.csv")
    assert len(articles) + len(skipped) == 1 + added  # every input accounted for
    row = row_of(articles, "good")
    good = {k: row[k] for k in baseline}  # manifest columns of the bad input may be added
    assert good == baseline, "the good article's scores changed"
    if case.reason:
        reason = case.reason.replace("{folder}", str(folder))
        assert any(reason in row["reason"] for row in skipped), skipped
    else:
        assert skipped == [], skipped
    if case.warning:
        assert case.warning in err, err
    if case.check:
        case.check(articles)
