"""Turn sources (addresses, lists of addresses, feeds, sitemaps, exports) into articles.

Every address given or found is accounted for: it becomes an article, or a skipped entry with
the reason (HTTP status, timeout, not HTML, robots.txt, no main text, a duplicate after URL
normalisation).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from framing.errors import InputError
from framing.fetch.cache import CachedPage, PageCache
from framing.fetch.client import Failure, PoliteClient
from framing.fetch.extract import MIN_ARTICLE_WORDS, extract_page, feed_kind, feed_links, too_short

# Column names that hold an article's address in common exports: Media Cloud writes "url",
# GDELT's event tables "SOURCEURL" and its Global Knowledge Graph "DocumentIdentifier".
URL_COLUMNS = ("url", "link", "article_url", "source_url", "sourceurl", "documentidentifier")
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_SITEMAP_DEPTH = 2


@dataclass(frozen=True)
class Source:
    """One address to fetch and where it came from (a file and line, a feed, the command)."""

    url: str
    origin: str
    depth: int = 0  # 0 for addresses given; 1+ for links found in a feed or sitemap


@dataclass(frozen=True)
class FetchedArticle:
    """One article collected from the web, as one JSON line of the corpus."""

    id: str
    url: str
    outlet: str
    title: str
    date: str
    author: str
    text: str
    fetched_at: str

    def record(self) -> dict[str, str]:
        """The JSON object written for this article (keys in a fixed order)."""
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "date": self.date,
            "author": self.author,
            "text": self.text,
            "fetched_at": self.fetched_at,
        }


@dataclass(frozen=True)
class SkippedAddress:
    """An address that gave no article, and why."""

    url: str
    origin: str
    reason: str


Outcome = FetchedArticle | SkippedAddress


def is_web_address(value: str) -> bool:
    """True for an ``http://`` or ``https://`` address with a host."""
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def read_sources(arguments: list[str]) -> tuple[list[Source], list[SkippedAddress]]:
    """The addresses named by each argument: a web address, a text file with one address per
    line, or a CSV export with a URL column. Lines that are not addresses are skipped with
    their file and line; a file that cannot be read is an :class:`InputError`."""
    sources: list[Source] = []
    skipped: list[SkippedAddress] = []
    for argument in arguments:
        if is_web_address(argument):
            sources.append(Source(argument.strip(), "command line"))
            continue
        path = Path(argument)
        if not path.is_file():
            raise InputError(f"{argument}: not a web address (http:// or https://) nor a file")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(f"{argument}: not UTF-8 text (byte {error.start})") from None
        except OSError as error:
            raise InputError(f"{argument}: cannot be read: {error.strerror}") from None
        found, bad = (
            _csv_addresses(text, argument)
            if path.suffix.lower() == ".csv"
            else _listed_addresses(text, argument)
        )
        sources += found
        skipped += bad
    return sources, skipped


def _listed_addresses(text: str, name: str) -> tuple[list[Source], list[SkippedAddress]]:
    lines = enumerate(text.splitlines(), start=1)
    return _sorted_out(
        (f"{name}:{number}", line.strip())
        for number, line in lines
        if line.strip() and not line.strip().startswith("#")
    )


def _sorted_out(
    candidates: Iterable[tuple[str, str]],
) -> tuple[list[Source], list[SkippedAddress]]:
    """``(where, value)`` candidates as addresses to fetch, or skipped as not addresses."""
    sources: list[Source] = []
    skipped: list[SkippedAddress] = []
    for where, value in candidates:
        if is_web_address(value):
            sources.append(Source(value, where))
        else:
            skipped.append(SkippedAddress(value[:200], where, "not a web address"))
    return sources, skipped


def _csv_addresses(text: str, name: str) -> tuple[list[Source], list[SkippedAddress]]:
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None:
        raise InputError(f"{name}: the CSV file is empty")
    columns = [column.strip().lower() for column in header]
    column = next((columns.index(c) for c in URL_COLUMNS if c in columns), None)
    if column is None:
        raise InputError(f"{name}: no URL column; name one of {', '.join(URL_COLUMNS)} (any case)")
    return _sorted_out(
        (f"{name}:{number}", row[column].strip() if column < len(row) else "")
        for number, row in enumerate(rows, start=2)
        if any(cell.strip() for cell in row)
    )


def normalized(url: str) -> str:
    """``url`` in a canonical form for finding duplicates (courlan's normalisation: lower-case
    host, default port and fragment removed, tracking parameters dropped)."""
    from courlan import normalize_url

    try:
        return str(normalize_url(url.strip(), strict=True))
    except (ValueError, TypeError):
        return url.strip()


def outlet_of(url: str, site_name: str, outlets: Mapping[str, str]) -> str:
    """The outlet of a page: the user's domain -> outlet mapping first (a domain also covers its
    sub-domains), then the site's own name, then its domain."""
    host = (urlsplit(url).hostname or "").lower()
    bare = host.removeprefix("www.")
    parts = bare.split(".")
    for index in range(len(parts)):
        candidate = ".".join(parts[index:])
        if candidate in outlets:
            return outlets[candidate]
    return site_name or bare


def read_outlet_map(path: Path) -> dict[str, str]:
    """A CSV with columns ``domain`` and ``outlet`` (any case), as a lookup by bare domain."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot be read as UTF-8 text ({error})") from None
    rows = csv.DictReader(io.StringIO(text, newline=""))
    names = {name.strip().lower(): name for name in rows.fieldnames or ()}
    if "domain" not in names or "outlet" not in names:
        raise InputError(f"{path}: needs the columns domain and outlet")
    outlets: dict[str, str] = {}
    for number, row in enumerate(rows, start=2):
        domain = (row.get(names["domain"]) or "").strip().lower().removeprefix("www.")
        outlet = (row.get(names["outlet"]) or "").strip()
        if not domain or not outlet:
            raise InputError(f"{path}:{number}: a row needs both a domain and an outlet")
        outlets[domain] = outlet
    return outlets


@dataclass
class Collector:
    """Fetches sources through a cache and extracts their articles, in input order."""

    client: PoliteClient
    cache: PageCache
    outlets: Mapping[str, str]
    now: Callable[[], str]
    fetched: int = 0
    cached: int = 0

    def collect(
        self, sources: list[Source], found: Callable[[int], None] | None = None
    ) -> Iterator[Outcome]:
        """One outcome per address, given or found in feeds and sitemaps; ``found`` is told
        how many new addresses a feed or sitemap added (for a progress bar)."""
        queue = deque(sources)
        seen: dict[str, str] = {}
        while queue:
            source = queue.popleft()
            key = normalized(source.url)
            if key in seen:
                yield SkippedAddress(
                    source.url, source.origin, f"duplicate of {seen[key]} after URL normalisation"
                )
                continue
            seen[key] = source.url
            page = self._page(source.url)
            if isinstance(page, Failure):
                yield SkippedAddress(source.url, source.origin, page.reason)
                continue
            body = page.response.body
            kind = feed_kind(body)
            if kind:
                links = feed_links(body)
                if links is None:
                    reason = f"a {kind} that is not valid XML"
                    yield SkippedAddress(source.url, source.origin, reason)
                    continue
                if source.depth >= MAX_SITEMAP_DEPTH:
                    yield SkippedAddress(source.url, source.origin, f"a {kind} nested too deeply")
                    continue
                added = [Source(link, f"{kind} {source.url}", source.depth + 1) for link in links]
                added = [s for s in added if is_web_address(s.url)]
                if found is not None:
                    found(len(added))
                # A feed with links is accounted for by the articles (or skips) they give.
                queue.extendleft(reversed(added))
                if not added:
                    yield SkippedAddress(source.url, source.origin, f"a {kind} with no links")
                continue
            yield self._article(source, page, seen)

    def _page(self, url: str) -> CachedPage | Failure:
        cached = self.cache.get(url)
        if cached is not None:
            self.cached += 1
            return cached
        response = self.client.get(url)
        if isinstance(response, Failure):
            return response
        self.fetched += 1
        return self.cache.put(response, self.now())

    def _article(self, source: Source, page: CachedPage, seen: dict[str, str]) -> Outcome:
        response = page.response
        content_type = response.content_type.split(";")[0].strip().lower()
        if content_type and content_type not in HTML_TYPES:
            return SkippedAddress(source.url, source.origin, f"not HTML ({content_type})")
        if response.final_url != source.url:
            final_key = normalized(response.final_url)
            if final_key in seen and seen[final_key] != source.url:
                return SkippedAddress(
                    source.url,
                    source.origin,
                    f"duplicate of {seen[final_key]} after URL normalisation (redirected to "
                    f"{response.final_url})",
                )
            seen.setdefault(final_key, source.url)
        extracted = extract_page(response.body, response.final_url)
        if extracted is None:
            return SkippedAddress(source.url, source.origin, "no main text found on the page")
        if too_short(extracted):
            words = len(extracted.text.split())
            return SkippedAddress(
                source.url,
                source.origin,
                f"no main text: only {words} words (under {MIN_ARTICLE_WORDS}; a paywall, a "
                "teaser or a page without an article)",
            )
        key = normalized(response.final_url)
        return FetchedArticle(
            id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
            url=response.final_url,
            outlet=outlet_of(response.final_url, extracted.site_name, self.outlets),
            title=extracted.title,
            date=extracted.date,
            author=extracted.author,
            text=extracted.text,
            fetched_at=page.fetched_at,
        )
