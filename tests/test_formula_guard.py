"""The formula guard, and the two spreadsheet switches: --excel (a byte-order mark on every CSV
file) and --no-formula-guard (text exactly as read, for pandas or R)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.render.formula_guard import FORMULA_STARTS, FormulaGuard

runner = CliRunner()
TITLE = "+++ Government rejects the café owners' petition \u2014 again"
BODY = (
    "The ministry said on Tuesday that the petition, signed by 4,000 café owners, had been "
    "rejected. Opposition deputies called the decision a betrayal of small businesses.\n"
    "A spokesman for the owners' association said they would appeal. \u201cWe are not done,\u201d "
    "he told reporters outside the ministry.\n"
)


def test_guard_prefixes_text_but_not_numbers_and_remembers_the_column() -> None:
    guard = FormulaGuard()
    text = "id,title,score\r\na1,=SUM(A1),-0.25\r\na2,-2 dead,1e-06\r\na3,plain,-3\r\n"
    assert guard.csv_text("x.csv", text) == (
        "id,title,score\r\na1,'=SUM(A1),-0.25\r\na2,'-2 dead,1e-06\r\na3,plain,-3\r\n"
    )
    assert guard.touched == {"x.csv": {"title"}}
    off = FormulaGuard(enabled=False)
    assert off.csv_text("x.csv", text) == text and off.touched == {"x.csv": {"title"}}
    assert "x.csv: title" in "\n".join(off.note())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "a.txt").write_text(f"{TITLE}\n{BODY}", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Café owners lose their appeal\n" + BODY.replace("Tuesday", "Friday"), encoding="utf-8"
    )
    (folder / "manifest.csv").write_text(
        "file,outlet,date\na.txt,Daily Ledger,2025-03-05 08:15:00\nb.txt,Evening Post,2025-03-14\n",
        encoding="utf-8",
    )
    return folder


def test_excel_puts_a_byte_order_mark_on_every_csv_file(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", str(corpus), "--out", str(out), "--excel"])
    assert result.exit_code == 0, result.stderr
    written = sorted(p for p in out.rglob("*.csv"))
    assert {p.name for p in written} >= {"term_hits.csv", "sentences.csv", "outlets.csv"}
    assert [p.name for p in written if not p.read_bytes().startswith(b"\xef\xbb\xbf")] == []
    readme = (out / "README.txt").read_text(encoding="utf-8")
    assert "Columns where it added one:" in readme and "articles.csv: title" in readme
    # One date format per table: the timestamp is shown as its day, like the other date.
    markdown = (out / "report.md").read_text(encoding="utf-8")
    html = (out / "report.html").read_text(encoding="utf-8")
    overview = html[html.index('id="overview"') : html.index('id="concepts"')]
    assert "08:15" not in markdown and "**Dates:** 2025-03-05 to 2025-03-14." in markdown
    assert "08:15" not in overview and "<td>2025-03-05</td>" in overview


def test_no_formula_guard_keeps_text_as_read(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", str(corpus), "--out", str(out), "--no-formula-guard"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO((out / "articles.csv").read_text("utf-8"))))
    assert rows[0]["title"] == TITLE
    readme = (out / "README.txt").read_text(encoding="utf-8")
    assert "Formula guard: off (--no-formula-guard)" in readme
    assert "articles.csv: title" in readme


def test_every_formula_start_is_one_character() -> None:
    # csv_text looks a cell's first character up among the starts before calling formula_like.
    assert all(len(start) == 1 for start in FORMULA_STARTS)
    guard = FormulaGuard()
    text = "outlet,quote\r\nHarbour Gazette,\uff0bfees rise\r\nValley Times,-12\r\n"
    assert guard.csv_text("q.csv", text) == (
        "outlet,quote\r\nHarbour Gazette,'\uff0bfees rise\r\nValley Times,-12\r\n"
    )
