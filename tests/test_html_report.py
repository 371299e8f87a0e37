"""report.html in a real browser (headless Chromium): self-contained, safe, readable, printable.

Needs Chromium (Debian's `chromium`; `.ci/run` installs it). Without it these tests skip, unless
FRAMING_REQUIRE_BROWSER=1 (as in CI), where a missing browser fails them instead.
"""

from __future__ import annotations

import os
import re
import shutil
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from framing.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CHROMIUM = os.environ.get("FRAMING_CHROMIUM") or shutil.which("chromium") or ""
PAYLOAD = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM:
        if os.environ.get("FRAMING_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (FRAMING_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


def report(tmp_path: Path, *inputs: str, extra: tuple[str, ...] = ()) -> Path:
    out = tmp_path / "report"
    result = CliRunner().invoke(app, ["report", *inputs, "--out", str(out), *extra])
    assert result.exit_code == 0, result.stderr
    return out / "report.html"


def open_page(browser: Any, html: Path, width: int) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(html.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


@pytest.fixture(scope="module")
def seeds_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return report(tmp_path_factory.mktemp("seeds"), str(SEEDS), extra=("--worksheet",))


@pytest.mark.parametrize("width", [1280, 390])
def test_seed_report_is_self_contained_and_fits(browser: Any, seeds_html: Path, width: int) -> None:
    page, errors, requests = open_page(browser, seeds_html, width)
    assert errors == []
    assert requests == [seeds_html.as_uri()]  # nothing but the file itself
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator("table.concept").count() >= 5
    # actors, stance per target, readability, map; no dendrogram, as the seeds show no clear
    # groups
    assert page.locator("svg.chart").count() == 4
    assert page.locator("script").count() == 0  # works with JavaScript disabled: there is none
    assert page.locator("#worksheet li").count() >= 3
    page.close()


def test_terms_are_marked_with_more_than_colour(browser: Any, seeds_html: Path) -> None:
    page, _errors, _requests = open_page(browser, seeds_html, 1280)
    mark = page.locator("#article-003_5993a690c40aebc0 mark", has_text="Takfiri").first
    style = mark.evaluate(
        "m => [getComputedStyle(m).textDecorationStyle, getComputedStyle(m, '::before').content]"
    )
    assert style[0] == "wavy" and "\u25bc" in style[1]
    assert "delegitimizing" in (mark.get_attribute("title") or "")
    page.close()


def test_injected_markup_is_shown_as_text_and_never_runs(browser: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = f"The strongman spoke. {PAYLOAD} Daesh fighters fled the town. " * 3
    (corpus / "evil.txt").write_text(f"Headline {PAYLOAD}\n{body}", encoding="utf-8")
    (corpus / "plain.txt").write_text("Plain headline\nThe Field Marshal spoke. " * 3, "utf-8")
    (corpus / "manifest.csv").write_text(
        'file,outlet\nevil.txt,"<b onmouseover=""window.__pwned=3"">Evil</b>"\nplain.txt,Plain\n',
        encoding="utf-8",
    )
    lexicon = tmp_path / "evil.yaml"
    lexicon.write_text(
        "about: {name: evil, title: '<i>Evil</i> pack', description: d, language: en,\n"
        "  version: '1', licence: CC0, sources: [s], connotations: {neutral: plain}}\n"
        "concepts:\n  - id: evil\n    label: '<img src=x onerror=\"window.__pwned=4\">'\n"
        "    note: n\n    variants:\n      - term: fled the town\n        connotation: neutral\n"
        "        note: '<script>window.__pwned = 5</script>'\n",
        encoding="utf-8",
    )
    html = report(tmp_path, str(corpus), extra=("--lexicon", str(lexicon)))
    page, errors, requests = open_page(browser, html, 1280)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert '<img src=x onerror="window.__pwned=4">' in page.inner_text("#concepts")
    assert requests == [html.as_uri()]
    assert page.locator("img").count() == 0 and page.locator("main b").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.inner_text("#articles")
    assert '<b onmouseover="window.__pwned=3">Evil</b>' in page.inner_text("#overview")
    assert errors == []
    markdown = (html.parent / "report.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    page.close()


def test_larger_corpus_fits_a_phone_screen(browser: Any, tmp_path: Path) -> None:
    rows = ["id,outlet,text"]
    for outlet in range(12):
        for article in range(4):
            word = ("strongman", "Field Marshal", "warlord")[outlet % 3]
            text = f"The {word} Khalifa Haftar met officials in Benghazi. Daesh was mentioned. " * 6
            rows.append(f"o{outlet}-{article},Outlet with a long name number {outlet},{text}")
    export = tmp_path / "export.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    html = report(tmp_path, str(export))
    page, errors, _requests = open_page(browser, html, 390)
    assert errors == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("svg.chart").count() == 5
    page.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_report_prints(browser: Any, seeds_html: Path, paper: str) -> None:
    page, _errors, _requests = open_page(browser, seeds_html, 1280)
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    pdf = page.pdf(format=paper)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 5
    page.close()


def test_every_connotation_gets_its_own_symbol() -> None:
    from framing.lexicon.loader import read_lexicon
    from framing.render.html_blocks import connotation_styles

    styles = connotation_styles(read_lexicon().connotation_labels())
    symbols = [symbol for _css, _colour, _underline, symbol in styles.values()]
    assert len(symbols) == len(set(symbols)) >= 15


# A small council-housing story in three outlets, written for these tests. The Gazette
# separates paragraphs by single line breaks, and puts its most positive and most negative
# sentences side by side on one line.
GAZETTE = (
    "Council slammed over housing plan\n"
    "Opposition councillors slammed the housing plan on Monday and blasted the mayor for "
    "ignoring residents, the council said.\n"
    "Families were delighted and grateful for the wonderful new playground, a lovely gift to "
    "the town. The fire killed three tenants and left dozens injured in a terrible, deadly "
    "disaster.\n"
    "The mayor said the plan would go ahead, and officials said the budget was approved.\n"
)
COURIER = (
    "Mayor defends housing plan\n\n"
    "Councillors lambasted the housing plan at a heated meeting, the mayor said.\n\n"
    "Officials said construction would start in the spring and told residents to expect "
    "some noise.\n"
)
DAILY = (
    "Housing row at the town hall\n\n"
    "The opposition hit out at the mayor over the housing plan, a spokesman said.\n\n"
    "Residents said they wanted more homes for young families.\n"
)


def _council_corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, text in (("gazette", GAZETTE), ("courier", COURIER), ("daily", DAILY)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,outlet\ngazette.txt,Harbour Gazette\ncourier.txt,Valley Courier\n"
        "daily.txt,Metro Daily\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def council_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("council")
    return report(folder, str(_council_corpus(folder / "corpus")))


def _marked_words(page: Any) -> list[str]:
    return [
        text.rstrip("0123456789")
        for text in page.locator("#articles .body mark").evaluate_all(
            "marks => marks.map(m => m.firstChild.textContent)"
        )
    ]


def test_only_loaded_words_are_marked_by_default(browser: Any, council_html: Path) -> None:
    page, errors, _requests = open_page(browser, council_html, 1280)
    assert errors == []
    marked = _marked_words(page)
    assert "slammed" in marked and "lambasted" in marked
    assert "said" not in marked and "told" not in marked  # neutral: in the tables, not marked
    marks = set(page.locator("#articles mark").evaluate_all("ms => ms.map(m => m.className)"))
    legend = set(
        page.locator("#articles .legend mark").evaluate_all("ms => ms.map(m => m.className)")
    )
    assert legend and legend <= marks  # the legend lists only connotations that are marked
    page.close()


def test_mark_neutral_marks_neutral_words_too(browser: Any, tmp_path: Path) -> None:
    html = report(tmp_path, str(_council_corpus(tmp_path / "corpus")), extra=("--mark-neutral",))
    page, _errors, _requests = open_page(browser, html, 1280)
    assert "said" in _marked_words(page)
    assert "neutral" in page.inner_text("#articles .legend")
    page.close()


def test_other_outlets_words_are_given_once_per_concept(browser: Any, council_html: Path) -> None:
    page, _errors, _requests = open_page(browser, council_html, 1280)
    notes = page.locator("article", has_text="Council slammed").locator("ol.footnotes li")
    texts = notes.all_inner_texts()
    criticism = [t for t in texts if t.startswith(("slammed", "blasted"))]
    assert len(criticism) == 2  # two words for the same concept in one article ...
    # ... and what the others say instead, once, without repeating this article's words.
    assert sum("Other outlets here use" in t for t in criticism) == 1
    other = next(t for t in criticism if "Other outlets here use" in t)
    assert "\u201clambasted\u201d (Valley Courier)" in other and "\u201cslammed\u201d" not in other
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_sentence_boxes_do_not_collide_and_paragraphs_stay_apart(
    browser: Any, council_html: Path, width: int
) -> None:
    page, _errors, _requests = open_page(browser, council_html, width)
    article = page.locator("article", has_text="Council slammed")
    boxes = [
        article.locator(f".{css}").evaluate(
            "e => [...e.getClientRects()].map(r => [r.left, r.top, r.right, r.bottom])"
        )
        for css in ("most-positive", "most-negative")
    ]
    assert boxes[0] and boxes[1]
    for a in boxes[0]:
        for b in boxes[1]:
            overlap = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
            assert overlap[0] <= 0 or overlap[1] <= 0, (a, b)
    # Single line breaks in the source are paragraph breaks: a blank line between them.
    body = article.locator(".body").inner_text()
    assert re.search(r"the council said\.\n\n(\+ )?Families", body), body
    page.close()


def test_readability_labels_clear_of_error_bars(browser: Any, tmp_path: Path) -> None:
    # Three articles per outlet, so every outlet has an interval around its grade.
    html = report(tmp_path, str(ROOT / "tests" / "corpora" / "kestria"), extra=("--no-store",))
    page, _errors, _requests = open_page(browser, html, 1280)
    chart = page.locator("#readability svg.chart")
    labels = chart.locator("text.value").evaluate_all(
        "gs => gs.map(g => { const r = g.getBoundingClientRect(); "
        "return [r.left, r.top, r.right, r.bottom]; })"
    )
    # The error bars: one path each, its caps included.
    bars = chart.locator("path.interval")
    lines = bars.evaluate_all(
        "gs => gs.map(g => { const r = g.getBoundingClientRect(); "
        "return [r.left, r.top, r.right, r.bottom]; })"
    )
    assert len(labels) == 4 and len(lines) == 4
    for label in labels:
        for line in lines:
            assert (
                line[2] < label[0]
                or line[0] > label[2]
                or line[3] < label[1]
                or (line[1] > label[3])
            ), (label, line)
    page.close()


def test_wide_tables_say_they_scroll_on_a_phone(browser: Any, seeds_html: Path) -> None:
    page, _errors, _requests = open_page(browser, seeds_html, 390)
    hint = "d => getComputedStyle(d, '::before').content"
    scrolling = page.locator(".scroll").evaluate_all(
        f"ds => ds.filter(d => d.scrollWidth > d.clientWidth + 1).map({hint})"
    )
    assert scrolling and all("Scroll sideways for more columns" in h for h in scrolling)
    page.close()
    page, _errors, _requests = open_page(browser, seeds_html, 1280)
    assert set(page.locator(".scroll").evaluate_all(f"ds => ds.map({hint})")) == {"none"}
    page.close()


def _text_per_page(pdf: bytes) -> list[int]:
    """Text-showing operators on each page of a PDF as Chromium writes it (Flate streams)."""
    objects = {
        int(m.group(1)): m.group(2)
        for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.DOTALL)
    }
    counts = []
    for body in objects.values():
        if not re.search(rb"/Type\s*/Page\b", body):
            continue
        contents = objects[int(re.search(rb"/Contents (\d+) 0 R", body).group(1))]  # type: ignore[union-attr]
        start = contents.index(b"stream") + len(b"stream")
        data = contents[start : contents.rindex(b"endstream")].strip(b"\r\n")
        if b"FlateDecode" in contents[:start]:
            data = zlib.decompress(data)
        counts.append(len(re.findall(rb"T[jJ]\b", data)))
    return counts


def test_print_is_compact_with_no_orphan_pages(browser: Any, seeds_html: Path) -> None:
    page, _errors, _requests = open_page(browser, seeds_html, 720)
    page.emulate_media(media="print")
    # No table is wider than the printed page (its right border would be cut off).
    assert page.evaluate(
        "[...document.querySelectorAll('table')].every(t => "
        "t.getBoundingClientRect().right <= document.body.getBoundingClientRect().right + 1)"
    )
    text = _text_per_page(page.pdf(format="Letter"))
    page.close()
    assert len(text) <= 16  # the seeds printed to 44 Letter pages before
    typical = sorted(text)[len(text) // 2]
    assert min(text) >= typical / 5, text  # no page holds a stray row or a lone question


@pytest.mark.parametrize("width", [1280, 390])
def test_the_story_section_shows_each_outlets_choices(
    browser: Any, tmp_path: Path, width: int
) -> None:
    html = report(tmp_path, str(ROOT / "tests" / "corpora" / "stories"), extra=("--no-store",))
    page, errors, requests = open_page(browser, html, width)
    assert errors == [] and requests == [html.as_uri()]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    section = page.locator("#stories")
    assert section.locator("h2").inner_text() == "Same story, different words"
    assert section.locator("article.story").count() == 5
    assert page.locator('nav a[href="#stories"]').count() == 1
    bridge = section.locator("article.story", has_text="Ostvik bridge")
    assert "Not covered by: Coastal Post." in bridge.inner_text()
    assert bridge.locator("table.aligned mark").count() > 0  # the differing words are marked
    assert "not reported" in bridge.locator("table.aligned").inner_text()
    assert "Jonas Pell" in bridge.inner_text()
    flood = section.locator("article.story", has_text="Aldwick")
    assert "Coastal Post (reprints gazette-flood)" in flood.inner_text()
    page.close()
