"""`framing fetch`: collect articles from addresses, feeds, sitemaps and exports into JSONL.

Also used by `framing report` and `framing score` when an input is a web address or a text
file of addresses: the pages are fetched into the output folder first and scored from there.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from framing import __version__
from framing.cli_options import echo, errors_reported
from framing.errors import UsageError

if TYPE_CHECKING:  # the fetch modules load urllib and ssl: imported where used
    from framing.fetch.collect import SkippedAddress

DelayOption = Annotated[
    float,
    typer.Option("--delay", min=0.0, help="Seconds to wait between two requests to the same site."),
]
CacheOption = Annotated[
    Path | None,
    typer.Option(
        "--cache",
        metavar="DIR",
        help="Folder of fetched pages, so re-runs only fetch what is new (default: beside "
        "the output).",
    ),
]
DomainsOption = Annotated[
    Path | None,
    typer.Option(
        "--outlets",
        metavar="FILE",
        help="CSV with columns domain and outlet, naming the outlet of each site (default: "
        "the site's own name, else its domain).",
    ),
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a page.")
]
MaxPageOption = Annotated[
    float,
    typer.Option("--max-page-mb", min=0.001, help="Skip pages larger than this many megabytes."),
]
RetriesOption = Annotated[
    int,
    typer.Option("--retries", min=0, help="Further attempts after a 429, a 5xx or a timeout."),
]


@dataclass(frozen=True)
class FetchOptions:
    """The politeness and patience settings a user chose."""

    delay: float = 1.0
    timeout: float = 20.0
    max_page_mb: float = 5.0
    retries: int = 3
    csv_encoding: str = "utf-8"  # utf-8-sig with --excel


def user_agent() -> str:
    """The User-Agent sent with every request: the tool, its version and what it does."""
    return (
        f"framing/{__version__} (news framing analysis for teaching and "
        "research; polite: robots.txt, one request at a time per site)"
    )


@dataclass(frozen=True)
class FetchSummary:
    """What a fetch did: articles written, pages fetched and taken from the cache, skips."""

    articles: int
    fetched: int
    cached: int
    skipped: tuple[SkippedAddress, ...]

    def line(self) -> str:
        """One line for the terminal, skips counted by reason."""
        reasons = Counter(_reason_kind(s.reason) for s in self.skipped)
        by_reason = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items()))
        skipped = f"skipped {len(self.skipped)}" + (f" ({by_reason})" if by_reason else "")
        return (
            f"{self.articles} articles; {self.fetched} pages fetched, {self.cached} from the "
            f"cache; {skipped}."
        )


def _reason_kind(reason: str) -> str:
    for prefix in ("HTTP", "timeout", "not HTML", "disallowed by robots.txt", "duplicate"):
        if reason.startswith(prefix):
            return reason.split(";")[0] if prefix == "HTTP" else prefix
    return reason.split("(")[0].split(":")[0].strip()


def skipped_path(out: Path) -> Path:
    """Where the skipped addresses of ``out`` (a JSONL file) are listed."""
    return out.with_name(f"{out.stem}.skipped.csv")


def fetch_corpus(
    arguments: list[str],
    out: Path,
    cache: Path,
    options: FetchOptions,
    outlets_file: Path | None = None,
) -> FetchSummary:
    """Fetch every source into ``out`` (JSONL, one article per line, written as it goes so an
    interruption leaves a valid file) and list skipped addresses beside it."""
    from framing.fetch.cache import PageCache
    from framing.fetch.client import FetchSettings, PoliteClient
    from framing.fetch.collect import Collector, FetchedArticle, read_outlet_map, read_sources

    sources, skipped = read_sources(arguments)
    if not sources and not skipped:
        raise UsageError("no web addresses to fetch in " + ", ".join(arguments))
    outlets = read_outlet_map(outlets_file) if outlets_file is not None else {}
    settings = FetchSettings(
        user_agent=user_agent(),
        delay=options.delay,
        timeout=options.timeout,
        max_bytes=int(options.max_page_mb * 2**20),
        retries=options.retries,
    )
    collector = Collector(PoliteClient(settings), PageCache(cache), outlets, _now)
    out.parent.mkdir(parents=True, exist_ok=True)
    articles = 0
    with (
        out.open("w", encoding="utf-8", newline="\n") as corpus,
        typer.progressbar(
            length=max(len(sources), 1), label="Fetching", file=sys.stderr, show_pos=True
        ) as bar,
    ):

        def found(count: int) -> None:
            bar.length = (bar.length or 0) + count

        try:
            for outcome in collector.collect(sources, found):
                if isinstance(outcome, FetchedArticle):
                    corpus.write(json.dumps(outcome.record(), ensure_ascii=False) + "\n")
                    corpus.flush()
                    articles += 1
                else:
                    skipped.append(outcome)
                bar.update(1)
        finally:
            _write_skipped(skipped_path(out), skipped, options.csv_encoding)
    return FetchSummary(articles, collector.fetched, collector.cached, tuple(skipped))


def _write_skipped(path: Path, skipped: list[SkippedAddress], encoding: str = "utf-8") -> None:
    with path.open("w", encoding=encoding, newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["url", "found_in", "reason"])
        for entry in skipped:
            writer.writerow([_defused(entry.url), _defused(entry.origin), entry.reason])


def _defused(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def web_inputs(paths: list[Path]) -> list[str]:
    """The inputs that name web addresses: an address, or a .txt file holding only addresses.

    Typer hands every input over as a ``Path``, which folds ``https://`` into ``https:/``;
    that is undone here.
    """
    from framing.fetch.collect import is_web_address

    found = []
    for path in paths:
        text = str(path)
        for scheme in ("http:/", "https:/"):
            if text.startswith(scheme) and not text.startswith(scheme + "/"):
                text = scheme + "/" + text[len(scheme) :]
        if is_web_address(text) or _is_address_list(path):
            found.append(text)
    return found


def _is_address_list(path: Path) -> bool:
    from framing.fetch.collect import is_web_address

    if path.suffix.lower() != ".txt" or not path.is_file() or path.stat().st_size > 2**20:
        return False
    try:
        lines = [
            line.strip()
            for line in path.read_text(encoding="utf-8-sig").splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        ]
    except (OSError, UnicodeDecodeError):
        return False
    return bool(lines) and all(is_web_address(line) for line in lines)


def fetch_for_run(paths: list[Path], out: Path, options: FetchOptions) -> list[Path]:
    """``paths`` with web inputs replaced by the JSONL they were fetched into (inside ``out``,
    with the page cache beside it), for `framing report` and `framing score`."""
    web = web_inputs(paths)
    if not web:
        return paths
    corpus = out / "fetched" / "articles.jsonl"
    summary = fetch_corpus(web, corpus, out / "fetched" / "cache", options)
    echo(f"Fetched {', '.join(web)}: {summary.line()}", err=True)
    others = [p for p in paths if str(p) not in web and not _is_web_path(p, web)]
    return [*others, corpus]


def _is_web_path(path: Path, web: list[str]) -> bool:
    return any(str(path).replace(":/", "://", 1) == address for address in web)


def fetch(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Web addresses, text files of addresses (one a line), RSS/Atom feed or "
            "sitemap addresses, or CSV exports with a URL column (Media Cloud, GDELT).",
            show_default=False,
            metavar="SOURCE",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", metavar="FILE", help="The JSONL file to write, one article a line."),
    ],
    cache: CacheOption = None,
    outlets: DomainsOption = None,
    delay: DelayOption = FetchOptions.delay,
    timeout: TimeoutOption = FetchOptions.timeout,
    max_page_mb: MaxPageOption = FetchOptions.max_page_mb,
    retries: RetriesOption = FetchOptions.retries,
) -> None:
    """Collect articles from the web into a JSONL corpus (main text, title, date, author)."""
    from framing.fetch.collect import is_web_address

    with errors_reported():
        if out.suffix.lower() != ".jsonl":
            raise UsageError(f"--out {out}: name a .jsonl file, e.g. corpus.jsonl")
        if out.is_dir():
            raise UsageError(f"--out {out}: is a folder; name a .jsonl file")
        if any(Path(s).resolve() == out.resolve() for s in sources if not is_web_address(s)):
            raise UsageError(f"--out {out}: is also an input; choose another file")
        options = FetchOptions(delay, timeout, max_page_mb, retries)
        folder = cache or out.with_name(f"{out.stem}-cache")
        try:
            summary = fetch_corpus(sources, out, folder, options, outlets)
        except KeyboardInterrupt:
            echo(
                f"Interrupted; {out} holds every article fetched so far, and a re-run "
                "takes fetched pages from the cache.",
                err=True,
            )
            raise typer.Exit(130) from None
        echo(f"Wrote {out}: {summary.line()}", err=True)
        echo(f"Skipped addresses and reasons: {skipped_path(out)}", err=True)
