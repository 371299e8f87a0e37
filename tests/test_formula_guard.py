"""The formula guard, and the two spreadsheet switches: --excel (a byte-order mark on every CSV
file) and --no-formula-guard (text exactly as read, for pandas or R)."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.render.formula_guard import FORMULA_STARTS, FormulaGuard, formula_like

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


@pytest.mark.parametrize(
    ("cells", "guarded"),
    [
        (["-0.5", "+12", '"-1,234"', "2.5e-3%"], False),  # numbers, quoted or not
        (["-"], True),  # a dash alone is no number
        (['"-1,2"'], True),  # nor a number with a stray digit group
        (['"x""-1"'], False),  # a sign after an escaped quote does not start the cell
        (['"\t indented"'], True),
        (['"\rline"'], True),
        (["\uff1dSUM(A1)"], True),  # full-width signs
    ],
)
def test_guard_finds_every_formula_cell_and_only_those(cells: list[str], guarded: bool) -> None:
    text = "a,b\r\n" + ",".join(["1", *cells]) + "\r\n"
    guard = FormulaGuard()
    assert (guard.csv_text("x.csv", text) != text) is guarded
    assert bool(guard.touched) is guarded


def test_guard_leaves_alone_exactly_the_files_without_formula_cells() -> None:
    # Every cell of CSV text made from formula signs, digits, quotes and separators, checked
    # one by one, against the guard's quick look at the whole file.
    pieces = ["-", "+", "=", "@", "\t", "\r", "\n", ",", '"', "1", "20", ".", "e", "%", "a",
              " ", "\uff0d", "\u00b2", ",234", "\"\""]  # fmt: skip
    chosen = random.Random(14)
    for _ in range(3000):
        rows = [["h1", "h2"]] + [
            ["".join(chosen.choices(pieces, k=chosen.randint(0, 5))) for _ in range(2)]
            for _ in range(chosen.randint(1, 2))
        ]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=chosen.choice(["\r\n", "\n"])).writerows(rows)
        text = buffer.getvalue()
        cells = [c for row in list(csv.reader(io.StringIO(text, newline="")))[1:] for c in row]
        expected = any(formula_like(cell) for cell in cells)
        guard = FormulaGuard()
        assert (guard.csv_text("x.csv", text) != text) is expected, text


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
