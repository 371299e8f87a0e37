"""Outputs that are safe to open: spreadsheet formulas defused, files whole after Ctrl-C,
byte-identical reruns."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TextIO

import pytest
from typer.testing import CliRunner

import framing.render.files as files_module
from framing.cli import app
from framing.render.csv_cells import cell_text

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


# Issue 15: hostile values from inputs, manifests and lexicons reach every output inert.

HOSTILE_DATE = '0000<img src="x" onerror="document.title=\'PWNED\'">'
HOSTILE_OUTLETS = (
    "=Outlet0",
    "+Outlet1",
    "@Outlet3",
    "Evil\x1b]0;PWNED\x07 News",
    "\u202eswen live",
    "<b>Bold</b> [click](javascript:alert(1))",
    "1. # *Listed* | cell",
)
HOSTILE_LEXICON = """\
about:
  name: hostile
  title: "<script>alert('title')</script>"
  description: Values that must stay text.
  language: en
  version: "1<img src=x onerror=alert(2)>"
  licence: CC0
  sources: [written for the tests]
  connotations:
    neutral: "<i>plain</i>"
concepts:
  - id: talks
    label: "<img src=x onerror=alert(3)> Talks"
    note: "</p><script>alert(4)</script> | --- | [x](javascript:alert(5))"
    variants:
      - term: negotiators
        connotation: neutral
        note: "<u>people</u>"
"""
TALK = (
    "The negotiators met in the capital on Monday and said the talks had gone well. Both "
    "delegations agreed to meet again next week, officials said. Aid groups asked for safe "
    "corridors as the fighting went on in the south. "
)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "in<b>"
    folder.mkdir()
    rows = []
    for number, outlet in enumerate(HOSTILE_OUTLETS):
        name = f"a{number}.txt"
        (folder / name).write_text(f"Talks <script>alert({number})</script>\n{TALK * 2}", "utf-8")
        date = HOSTILE_DATE if number == 0 else f"2024-03-0{number}"
        rows.append([name, outlet, date, "-0.5" if number % 2 else "-1e5", "=cmd|' /C calc'!A0"])
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["file", "outlet", "date", "=region", "note"])
        writer.writerows(rows)
    lexicon = base / "hostile.yaml"
    lexicon.write_text(HOSTILE_LEXICON, encoding="utf-8")
    out = base / "report"
    result = runner.invoke(
        app, ["report", str(folder), "--out", str(out), "--lexicon", str(lexicon), "--jobs", "1"]
    )
    assert result.exit_code == 0, result.stderr
    return out


def test_report_md_passes_no_markup_from_any_value(hostile_report: Path) -> None:
    text = (hostile_report / "report.md").read_text(encoding="utf-8")
    assert '&lt;img src="x" onerror=' in text  # the hostile date arrived, escaped
    outside_code = re.sub(r"(`+)(.+?)\1", "", text)  # a code span shows its text as it is
    assert "<" not in outside_code  # no raw HTML anywhere else, in any line
    assert not any(c in text for c in "\x00\x07\x1b\u202e")
    assert "\\[click\\](javascript:alert(1))" in text  # a link written as text stays text
    assert "| 1\\. \\# \\*Listed\\* \\| cell |" in text
    # The lexicon's label, note, title and version reach the report escaped too.
    assert "### &lt;img src=x onerror=alert(3)&gt; Talks" in text
    assert "&lt;/p&gt;&lt;script&gt;alert(4)&lt;/script&gt; \\| \\--- \\|" not in text  # not at
    assert "&lt;/p&gt;&lt;script&gt;alert(4)&lt;/script&gt; \\| --- \\|" in text  # line start


def test_report_html_escapes_every_value(hostile_report: Path) -> None:
    html = (hostile_report / "report.html").read_text(encoding="utf-8")
    for raw in ("<img src", "<script>alert", "<b>Bold", "<i>plain", "<u>people"):
        assert raw not in html, raw
    assert "&lt;img src=&quot;x&quot; onerror=" in html


def test_csv_headers_are_defused_and_numbers_stay_numbers(hostile_report: Path) -> None:
    similarity = (hostile_report / "similarity.csv").read_text("utf-8").splitlines()[0]
    assert similarity.split(",")[:1] == ["outlet"]
    assert {"'=Outlet0", "'+Outlet1", "'@Outlet3"} <= set(next(csv.reader([similarity])))
    articles = list(
        csv.DictReader(io.StringIO((hostile_report / "articles.csv").read_text("utf-8")))
    )
    assert "'=region" in articles[0]
    assert [row["'=region"] for row in articles] == ["-1e5", "-0.5"] * 3 + ["-1e5"]
    assert {row["note"] for row in articles} == {"'=cmd|' /C calc'!A0"}
    assert (hostile_report / "README.txt").read_text("utf-8").count("'=region") == 1


def test_no_output_file_holds_a_control_character(hostile_report: Path) -> None:
    for path in hostile_report.iterdir():
        if path.suffix in (".csv", ".md", ".html", ".txt", ".json"):
            data = path.read_bytes()
            assert b"\x00" not in data and b"\x1b" not in data and b"\x07" not in data, path.name


def test_terminal_output_shows_escape_sequences_instead_of_running_them(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b]0;PWNED\x07.txt").write_text(
        "Title \u202eright to left\n" + TALK, encoding="utf-8"
    )
    (folder / "two\nError: a fake line.txt").write_text("Title\n" + TALK, encoding="utf-8")
    result = runner.invoke(app, ["score", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert not any(line.startswith("Error") for line in result.stderr.splitlines())
    assert "two\\nError: a fake line.txt: no outlet" in result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    assert "\u202e" not in result.stdout + result.stderr
    assert "evil\\x1b]0;PWNED\\x07.txt: no outlet" in result.stderr  # the path, made visible
    assert "evil]0;PWNED" in result.stdout  # the id, cleaned when read


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("&#60;script&#62;", "&amp;\\#60;script&amp;\\#62;"),
        ("a\nb\r\nc", "a b  c"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("===", "\\==="),
        ("---", "\\---"),
        ("12. item", "12\\. item"),
        ("-0.5", "-0.5"),
        ("3.5 points", "3.5 points"),
        ("    code", "code"),
        ("x\x1b]0;t\x07y", "x \\]0;t y"),
        ("\u202eevil", "evil"),
        ("~~struck~~", "\\~\\~struck\\~\\~"),
        ("file\udcff.txt", "file\ufffd.txt"),
    ],
)
def test_markdown_text_is_inert(value: str, shown: str) -> None:
    from framing.render.text import markdown_text

    assert markdown_text(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("a\x1b]0;PWNED\x07b", "a\\x1b]0;PWNED\\x07b"),
        ("\u202eabc\u2066", "\\u202eabc\\u2066"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("\x9b31m", "\\x9b31m"),
        ("caf\udce9", "caf\ufffd"),
    ],
)
def test_terminal_text_makes_controls_visible(value: str, shown: str) -> None:
    from framing.render.text import terminal_text

    assert terminal_text(value) == shown


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("-1e5", "-1e5"),
        ("+3", "+3"),
        ("-1,234.5", "-1,234.5"),
        ("-12%", "-12%"),
        ("-inf", "'-inf"),
        ("-1+1", "'-1+1"),
        ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),
        ("a\x00b", "a\ufffdb"),
    ],
)
def test_text_that_is_a_number_stays_a_number(value: str, written: str) -> None:
    assert cell_text(value) == written


# Issue 15: a report is put in place whole, by one run at a time, or not at all.


def old_report(folder: Path) -> dict[str, bytes]:
    """A previous report in ``folder``, with a file of the user's and the score store."""
    folder.mkdir()
    files = {
        "manifest.json": b'{"tool": {"name": "framing"}}\n',
        "report.md": b"# old\n",
        "frame_profile.csv": b"outlet,frame\n",  # written by the old run only
        "scores.sqlite": b"kept between runs",
        "notes.txt": b"the teacher's notes",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_new_report_replaces_the_old_one_whole_and_keeps_other_files(tmp_path: Path) -> None:
    out = tmp_path / "report"
    old_report(out)
    (out / ".outlets.csv.abc123.tmp").write_text("left by a killed run of an older version")
    (tmp_path / ".report.framing-dead").mkdir()  # left by a killed run
    files_module.write_files(out, {"report.md": "# new\n", "outlets.csv": "outlet\r\n"})
    # The old run's own files go (frame_profile.csv, manifest.json: they describe that
    # run); the store and the user's notes stay.
    assert contents(out) == {
        "report.md": b"# new\n",
        "outlets.csv": b"outlet\r\n",
        "scores.sqlite": b"kept between runs",
        "notes.txt": b"the teacher's notes",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # nothing left beside it


def test_a_second_run_into_a_locked_folder_stops_clearly(tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "report"
    before = old_report(out)
    descriptor = os.open(out, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)  # as a run in progress holds it
    try:
        result = runner.invoke(app, ["score", str(SEEDS), "--out", str(out), "--no-store"])
    finally:
        os.close(descriptor)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: --out {out}: another framing run is writing this folder; wait for it to "
        "finish or choose another folder\n"
    )
    assert contents(out) == before


KILLED_RUN = """
import os, signal, sys
from pathlib import Path
import framing.render.files as files

stage = sys.argv[2]
if stage == "before the swap":
    files._exchange = lambda *paths: os.kill(os.getpid(), signal.SIGKILL)
else:
    real = files.shutil.rmtree
    def killed(path, *args, **kwargs):
        if files.STAGING_MARK in str(path):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, *args, **kwargs)
    files.shutil.rmtree = killed
files.write_files(Path(sys.argv[1]), {"report.md": "# new\\n", "outlets.csv": "new\\r\\n"})
"""


@pytest.mark.parametrize("stage", ["before the swap", "after the swap"])
def test_a_killed_run_leaves_a_whole_report_and_the_next_run_cleans_up(
    tmp_path: Path, stage: str
) -> None:
    out = tmp_path / "report"
    before = old_report(out)
    done = subprocess.run([sys.executable, "-c", KILLED_RUN, str(out), stage], check=False)
    assert done.returncode == -9
    after = contents(out)
    new = {"report.md": b"# new\n", "outlets.csv": b"new\r\n"}
    new |= {name: before[name] for name in ("scores.sqlite", "notes.txt")}
    assert after == (before if stage == "before the swap" else new)
    assert any(files_module.STAGING_MARK in p.name for p in tmp_path.iterdir())  # left over
    files_module.write_files(out, {"report.md": "# again\n"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_a_full_disk_gives_one_line_and_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report"
    assert runner.invoke(app, ["score", str(SEEDS), "--out", str(out)]).exit_code == 0
    before = contents(out)
    real_open = files_module.StagedFiles.open

    class FullDisk(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    def full(self: files_module.StagedFiles, name: str) -> TextIO:
        if name == "sentences.csv":
            real_open(self, name)  # a temporary file exists when the disk fills up
            return FullDisk()
        return real_open(self, name)

    monkeypatch.setattr(files_module.StagedFiles, "open", full)
    result = runner.invoke(app, ["score", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: --out {out}: cannot write the report: No space left on device; the folder is "
        "as it was before this run"
    )
    assert "Traceback" not in result.stderr
    assert contents(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no temporary files


def test_a_full_store_gives_one_line(tmp_path: Path) -> None:
    from framing.corpus.readers import read_corpus
    from framing.errors import OutputError
    from framing.lexicon.loader import read_lexicon
    from framing.scoring.scorer import Scorer, score_articles
    from framing.settings import ScoringSettings
    from framing.store import ScoreStore

    lexicon = read_lexicon()
    with ScoreStore(tmp_path / "s.sqlite", lexicon, ScoringSettings()) as store:
        store._db.execute("PRAGMA max_page_count = 8")  # as a full disk refuses new pages
        articles = read_corpus([SEEDS]).articles
        with pytest.raises(OutputError, match=r"^--store .*s\.sqlite: cannot be written: "):
            list(score_articles(articles, Scorer(lexicon), 1, store))


def test_a_negative_seed_is_refused_before_any_work(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["report", str(SEEDS), "--out", str(tmp_path / "r"), "--seed", "-1"]
    )
    assert result.exit_code == 2
    assert "Error: Invalid value for '--seed'" in result.stderr
    assert not (tmp_path / "r").exists()


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(
    ("signal_name", "code", "line"),
    [
        ("SIGINT", 130, "Interrupted; every file written is complete, none is partial."),
        ("SIGTERM", 143, "Terminated; every file written is complete, none is partial."),
    ],
)
def test_a_signal_during_parallel_scoring_ends_in_one_line(
    tmp_path: Path, signal_name: str, code: int, line: str
) -> None:
    import signal
    import time

    export = tmp_path / "many.csv"
    sentence = "The council met on Tuesday and agreed a budget for new schools and roads. "
    with export.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "outlet", "text"])
        writer.writerows([f"n{n}", f"Outlet {n % 3}", sentence * 6] for n in range(4000))
    process = subprocess.Popen(
        [sys.executable, "-m", "framing", "score", str(export), "--jobs", "2",
         "--out", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a command
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)  # until the worker processes are up
        assert len(_children(process.pid)) >= 2, "the workers never started"
        number = getattr(signal, signal_name)
        if number == signal.SIGINT:
            os.killpg(process.pid, number)  # Ctrl-C reaches every process of the group
        else:
            os.kill(process.pid, number)
        _out, err = process.communicate(timeout=120)
    finally:  # a run that never ends is a failure, and must not outlive the test
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == code, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.splitlines()[-1] == line and err.count(line) == 1, err
    # Nothing but the store, which keeps any chunk scored before the signal for a re-run.
    left = tmp_path / "out"
    assert not left.exists() or {p.name for p in left.iterdir()} <= {"scores.sqlite"}
    assert {p.name for p in tmp_path.iterdir()} <= {"many.csv", "out"}


def test_a_really_full_disk_keeps_the_previous_results(tmp_path: Path) -> None:
    """The simulated full disk above, on a real one: a small tmpfs, where mounting is allowed."""
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(small)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here; the simulated test covers it")
    try:
        out = small / "results"
        assert runner.invoke(app, ["score", str(SEEDS), "--out", str(out)]).exit_code == 0
        before = contents(out)
        free = os.statvfs(small)
        (small / "filler").write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 4096))
        result = runner.invoke(app, ["score", str(SEEDS), "--out", str(out), "--no-store"])
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-1] == (
            f"Error: --out {out}: cannot write the report: No space left on device; the folder "
            "is as it was before this run"
        )
        assert contents(out) == before
        assert sorted(p.name for p in small.iterdir()) == ["filler", "results"]
    finally:
        subprocess.run(["umount", str(small)], check=False)


def test_an_output_folder_that_cannot_be_created_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import framing.cli_paths as paths

    monkeypatch.setattr(paths, "_writable", lambda _folder: False)  # as for anyone but root
    result = runner.invoke(app, ["score", str(SEEDS), "--out", str(tmp_path / "new" / "out")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: --out {tmp_path / 'new' / 'out'}: cannot be created: {tmp_path} is not writable\n"
    )


@pytest.mark.parametrize("study", [["--actor", "Haftar"], ["--all"]])
def test_a_draft_lexicon_is_never_written_over_an_input(tmp_path: Path, study: list[str]) -> None:
    export = tmp_path / "articles.csv"
    export.write_text("id,outlet,text\n1,A,Haftar spoke.\n", encoding="utf-8")
    result = runner.invoke(
        app, ["lexicon", "suggest", str(export), *study, "--out", str(export), "--force"]
    )
    assert result.exit_code == 1
    assert result.stderr == (f"Error: --out {export}: is the input {export}; choose another file\n")
    assert export.read_text(encoding="utf-8") == "id,outlet,text\n1,A,Haftar spoke.\n"


def test_to_csv_writes_each_cell_as_cell_text_does_without_the_guard() -> None:
    import numpy as np

    from framing.render.csv_cells import to_csv

    row = ("=SUM(B2)", "Harbour\x00Gazette", -0.1234567, np.float64(2.5), 7, True, None, "-3")
    text = to_csv(["a", "b", "c", "d", "e", "f", "g", "h"], [row, row])
    body = ",".join(cell_text(value, guard=False) for value in row)
    assert text == "a,b,c,d,e,f,g,h\r\n" + f"{body}\r\n" * 2
    assert body == "=SUM(B2),Harbour\ufffdGazette,-0.123457,2.5,7,true,,-3"
