"""`framing fetch` against a real HTTP server on 127.0.0.1 serving an invented news site.

Nothing here reaches an address off this machine: every URL is the local server's.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

import framing
from framing.cli import app
from framing.fetch.cache import PageCache
from framing.fetch.client import FetchSettings, PoliteClient
from framing.fetch.collect import Collector, FetchedArticle, SkippedAddress, Source

PAGES = Path(__file__).resolve().parent / "corpora" / "web"
HTML = "text/html; charset=utf-8"


@dataclass
class Site:
    """The server's state: the requests it saw, and per-path counters for flaky pages."""

    base: str = ""
    requests: list[tuple[str, float, dict[str, str]]] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        return [path for path, _when, _headers in self.requests]


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def _long_page(title: str, sentences: int = 30) -> bytes:
    paragraph = " ".join(
        f"Sentence {n} of the report on {title.lower()} describes what the council decided."
        for n in range(sentences)
    )
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1><p>{paragraph}</p></article></body></html>"
    ).encode()


def _routes(site: Site) -> dict[str, Callable[[int], tuple[int, dict[str, str], bytes]]]:
    def static(body: bytes, content_type: str = HTML) -> Callable[[int], tuple]:
        return lambda _hit: (200, {"Content-Type": content_type}, body)

    def redirect(status: int, to: str) -> Callable[[int], tuple]:
        return lambda _hit: (status, {"Location": to}, b"")

    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>'
        f"<link>{site.base}/</link>"
        f"<item><title>A</title><link>{site.base}/meta-tags</link></item>"
        f"<item><title>B</title><link>{site.base}/json-ld</link></item>"
        "</channel></rss>"
    ).encode()
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.base}/byline</loc></url><url><loc>{site.base}/latin1</loc></url>"
        "</urlset>"
    ).encode()
    return {
        "/robots.txt": static(b"User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/meta-tags": static(_page("meta-tags.html")),
        "/json-ld": static(_page("json-ld.html")),
        "/byline": static(_page("byline.html")),
        "/paywall": static(_page("paywall.html")),
        "/latin1": static(_page("latin1.html"), "text/html"),
        "/private/memo": static(_long_page("Private memo")),
        "/old": redirect(301, "/moved"),
        "/moved": redirect(302, "/meta-tags"),
        "/loop-a": redirect(302, "/loop-b"),
        "/loop-b": redirect(302, "/loop-a"),
        "/flaky": lambda hit: (500, {}, b"oops") if hit == 1 else (200, {"Content-Type": HTML},
                                                                   _long_page("Flaky page")),
        "/busy": lambda hit: (429, {"Retry-After": "1"}, b"") if hit == 1 else (
            200, {"Content-Type": HTML}, _long_page("Busy page")),
        "/always-down": lambda _hit: (503, {}, b"down"),
        "/slow": lambda _hit: (time.sleep(1.5), (200, {"Content-Type": HTML}, b"late"))[1],
        "/huge": static(b"<html><body><p>" + b"word " * 400_000 + b"</p></body></html>"),
        "/report.pdf": static(b"%PDF-1.4 not a web page", "application/pdf"),
        "/feed.xml": static(feed, "application/rss+xml"),
        "/sitemap.xml": static(sitemap, "application/xml"),
    } | {f"/story-{n}": static(_long_page(f"Story {n}")) for n in range(8)}  # fmt: skip


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0].split("#")[0]
            with state.lock:
                state.requests.append((self.path, time.monotonic(), dict(self.headers.items())))
                state.hits[path] = state.hits.get(path, 0) + 1
                hit = state.hits[path]
            route = routes.get(path)
            status, headers, body = route(hit) if route else (404, {}, b"not found")
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Set-Cookie", "session=abc; Path=/")
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    routes = _routes(state)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def collect(site: Site, tmp_path: Path, paths: list[str], **settings: float) -> list:
    waits: list[float] = []
    options = {"delay": 0.0, "timeout": 1.0, "retries": 1, "backoff": 0.01} | settings
    client = PoliteClient(
        FetchSettings(user_agent="framing-test/1", **options),  # type: ignore[arg-type]
        sleep=lambda seconds: (waits.append(seconds), time.sleep(min(seconds, 0.05)))[0],
    )
    collector = Collector(client, PageCache(tmp_path / "cache"), {}, lambda: "2025-01-01T00:00:00")
    return list(collector.collect([Source(site.base + p, "test") for p in paths]))


def by_path(paths: list[str], outcomes: list) -> dict[str, FetchedArticle | SkippedAddress]:
    assert len(outcomes) == len(paths)  # one outcome per address, in input order
    return dict(zip(paths, outcomes, strict=True))


def test_metadata_from_meta_tags_json_ld_and_bylines(site: Site, tmp_path: Path) -> None:
    paths = ["/meta-tags", "/json-ld", "/byline"]
    found = by_path(paths, collect(site, tmp_path, paths))
    meta = found["/meta-tags"]
    assert isinstance(meta, FetchedArticle)
    assert (meta.title, meta.date, meta.author, meta.outlet) == (
        "Council approves harbour flood wall after long debate",
        "2025-03-04",
        "Mira Castell",
        "Harbour Gazette",
    )
    assert meta.text.startswith("The town council voted seven to four")
    assert "Sport" not in meta.text and "Copyright" not in meta.text
    assert meta.fetched_at == "2025-01-01T00:00:00"
    assert len(meta.id) == 16
    ledger = found["/json-ld"]
    assert isinstance(ledger, FetchedArticle)
    assert (ledger.title, ledger.date, ledger.author, ledger.outlet) == (
        "Ferry operator cuts winter timetable to three crossings a day",
        "2025-01-19",
        "Tomas Velde",
        "The Northern Ledger",
    )
    courier = found["/byline"]
    assert isinstance(courier, FetchedArticle)
    assert courier.outlet == "Valley Courier"
    assert courier.date == "2025-03-11"
    assert "Part of the roof of Millbrook primary school collapsed" in courier.text
    for furniture in ("Puzzles", "Trending", "Related stories", "Disgraceful", "caretaker"):
        assert furniture not in courier.text


def test_every_failure_is_skipped_with_its_reason(site: Site, tmp_path: Path) -> None:
    paths = ["/paywall", "/old", "/loop-a", "/missing", "/flaky", "/busy", "/always-down",
             "/slow", "/huge", "/report.pdf", "/private/memo", "/meta-tags?utm_source=feed",
             "/latin1"]  # fmt: skip
    found = by_path(paths, collect(site, tmp_path, paths, max_bytes=2**20))
    reasons = {path: getattr(o, "reason", "article") for path, o in found.items()}
    assert reasons["/paywall"].startswith("no main text: only ")
    assert reasons["/old"] == "article"  # 301 then 302, followed
    assert isinstance(found["/old"], FetchedArticle)
    assert found["/old"].url == site.base + "/meta-tags"
    assert reasons["/loop-a"].startswith("redirect loop (")
    assert reasons["/missing"] == "HTTP 404"
    assert reasons["/flaky"] == "article"  # 500, then 200 on the retry
    assert reasons["/busy"] == "article"  # 429 with Retry-After, then 200
    assert reasons["/always-down"] == "HTTP 503"
    assert reasons["/slow"] == "timeout after 1 s"
    assert reasons["/huge"] == "page larger than the 1 MB limit (--max-page-mb)"
    assert reasons["/report.pdf"] == "not HTML (application/pdf)"
    assert reasons["/private/memo"] == f"disallowed by robots.txt ({site.base}/robots.txt)"
    # /old redirected to /meta-tags; tracking parameters are not part of the address.
    assert reasons["/meta-tags?utm_source=feed"] == (
        f"duplicate of {site.base}/old after URL normalisation"
    )
    latin = found["/latin1"]
    assert isinstance(latin, FetchedArticle)
    assert (
        "riverside café" in latin.text and latin.title == "Riverside café closes after forty years"
    )
    assert site.hits["/flaky"] == 2 and site.hits["/busy"] == 2 and site.hits["/always-down"] == 2
    assert "/private/memo" not in site.paths()
    assert all("Cookie" not in headers for _path, _when, headers in site.requests)
    assert {h["User-Agent"] for _p, _w, h in site.requests} == {"framing-test/1"}


def test_retry_after_is_honoured(site: Site, tmp_path: Path) -> None:
    waits: list[float] = []
    client = PoliteClient(
        FetchSettings(user_agent="t", delay=0.0, retries=2, backoff=0.01),
        sleep=waits.append,
    )
    assert client.get(site.base + "/busy").status == 200  # type: ignore[union-attr]
    assert waits == [1.0]


def test_feeds_and_sitemaps_give_their_articles(site: Site, tmp_path: Path) -> None:
    outcomes = collect(site, tmp_path, ["/feed.xml", "/sitemap.xml"])
    assert [o.url.removeprefix(site.base) for o in outcomes] == [
        "/meta-tags", "/json-ld", "/byline", "/latin1"]  # fmt: skip
    assert all(isinstance(o, FetchedArticle) for o in outcomes)


def run_fetch(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["fetch", *args])
    return result.exit_code, result.stderr


def test_cli_writes_jsonl_and_skipped_and_waits_between_requests(
    site: Site, tmp_path: Path
) -> None:
    urls = tmp_path / "links.txt"
    urls.write_text(
        "# five links for class\n"
        + "".join(f"{site.base}{p}\n" for p in ["/meta-tags", "/json-ld", "/missing", "/byline"])
        + "not a link\n",
        encoding="utf-8",
    )
    out = tmp_path / "corpus.jsonl"
    code, stderr = run_fetch(str(urls), "--out", str(out), "--delay", "0.3", "--retries", "0")
    assert code == 0, stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [list(record) for record in lines[:1]] == [
        ["id", "url", "outlet", "title", "date", "author", "text", "fetched_at"]
    ]
    assert [r["outlet"] for r in lines] == ["Harbour Gazette", "The Northern Ledger",
                                             "Valley Courier"]  # fmt: skip
    with (tmp_path / "corpus.skipped.csv").open(encoding="utf-8") as file:
        skipped = list(csv.DictReader(file))
    assert [(row["reason"], row["found_in"]) for row in skipped] == [
        ("not a web address", f"{urls}:6"),
        ("HTTP 404", f"{urls}:4"),
    ]
    assert (
        "3 articles; 3 pages fetched, 0 from the cache; skipped 2 (1 HTTP 404, 1 not a "
        "web address)." in stderr
    )
    times = [when for _path, when, _headers in site.requests]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= 0.29  # one host: every request waits for the delay

    before = len(site.requests)
    code, stderr = run_fetch(str(urls), "--out", str(out), "--delay", "0.3", "--retries", "0")
    assert code == 0
    assert site.paths()[before:] == ["/robots.txt", "/missing"]  # pages came from the cache
    assert "3 from the cache" in stderr


def test_a_domain_manifest_names_the_outlet(site: Site, tmp_path: Path) -> None:
    outlets = tmp_path / "outlets.csv"
    outlets.write_text("domain,outlet\n127.0.0.1,Local Test Outlet\n", encoding="utf-8")
    out = tmp_path / "c.jsonl"
    code, _ = run_fetch(site.base + "/json-ld", "--out", str(out), "--outlets", str(outlets),
                        "--delay", "0")  # fmt: skip
    assert code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["outlet"] == "Local Test Outlet"


def test_a_csv_export_with_a_gdelt_url_column(site: Site, tmp_path: Path) -> None:
    export = tmp_path / "gdelt.csv"
    export.write_text(f"GLOBALEVENTID,SOURCEURL\n1,{site.base}/meta-tags\n2,\n", encoding="utf-8")
    out = tmp_path / "c.jsonl"
    code, stderr = run_fetch(str(export), "--out", str(out), "--delay", "0")
    assert code == 0, stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere.txt", "--out", "c.jsonl"],
         "Error: nowhere.txt: not a web address (http:// or https://) nor a file\n"),
        (["http://127.0.0.1:9/a", "--out", "c.csv"],
         "Error: --out c.csv: name a .jsonl file, e.g. corpus.jsonl\n"),
    ],
)  # fmt: skip
def test_bad_arguments(args: list[str], message: str, tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    assert run_fetch(*args) == (1, message)


def test_a_killed_fetch_leaves_valid_jsonl_and_resumes_from_the_cache(
    site: Site, tmp_path: Path
) -> None:
    urls = tmp_path / "links.txt"
    urls.write_text("".join(f"{site.base}/story-{n}\n" for n in range(8)), encoding="utf-8")
    out = tmp_path / "corpus.jsonl"
    command = [sys.executable, "-m", "framing", "fetch", str(urls), "--out", str(out),
               "--delay", "0.4"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if out.exists() and len(out.read_text(encoding="utf-8").splitlines()) >= 3:
                break
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 130
    finally:  # a fetch that did not stop must not outlive the test
        process.kill()
        process.wait()
    done = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert 3 <= len(done) < 8
    fetched_before = {p for p in site.paths() if p.startswith("/story-")}

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=60,
                           env=os.environ.copy())  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    after = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["title"] for r in after] == [f"Story {n}" for n in range(8)]
    stories = [p for p in site.paths() if p.startswith("/story-")]
    assert len(stories) == len(set(stories))  # no page was fetched twice
    assert fetched_before <= set(stories)


def test_report_takes_a_file_of_links(site: Site, tmp_path: Path) -> None:
    urls = tmp_path / "links.txt"
    urls.write_text(
        "".join(f"{site.base}{p}\n" for p in ["/meta-tags", "/json-ld", "/byline", "/latin1"]),
        encoding="utf-8",
    )
    out = tmp_path / "report"
    result = CliRunner().invoke(app, ["report", str(urls), "--out", str(out), "--no-store",
                                      "--jobs", "1", "--delay", "0"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    with (out / "articles.csv").open(encoding="utf-8") as file:
        outlets = sorted(row["outlet"] for row in csv.DictReader(file))
    assert outlets == ["Harbour Gazette", "The Northern Ledger", "Valley Courier", "Valley Courier"]
    assert "Fetched " in result.stderr


def test_a_saved_page_reads_as_the_fetched_one(site: Site, tmp_path: Path) -> None:
    (fetched,) = collect(site, tmp_path, ["/byline"])
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "school.html").write_bytes(_page("byline.html"))
    (article,) = framing.read_corpus([folder]).articles
    assert isinstance(fetched, FetchedArticle)
    assert (article.title, article.text, article.date) == (
        fetched.title,
        fetched.text,
        fetched.date,
    )


def test_report_takes_a_feed_address(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = CliRunner().invoke(app, ["report", site.base + "/feed.xml", "--out", str(out),
                                      "--no-store", "--jobs", "1", "--delay", "0"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    with (out / "articles.csv").open(encoding="utf-8") as file:
        titles = [row["title"] for row in csv.DictReader(file)]
    assert titles == [
        "Council approves harbour flood wall after long debate",
        "Ferry operator cuts winter timetable to three crossings a day",
    ]
