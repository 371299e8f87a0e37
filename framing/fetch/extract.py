"""What a fetched or saved page holds: the article (via trafilatura), or the links of a feed or
a sitemap.

Main-text extraction uses trafilatura (Barbaresi 2021, "Trafilatura: A Web Scraping Library and
Command-Line Tool for Text Discovery and Extraction", ACL demos), which keeps the article body
and drops navigation, related links and reader comments, and reads the title, date (htmldate),
author and site name from meta tags, JSON-LD and bylines.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

MAX_FEED_LINKS = 10_000
# Page furniture that is never article text. trafilatura drops it from long pages by itself,
# but on a short page it falls back to the whole body, navigation and footer included.
FURNITURE = ["//nav", "//header", "//footer", "//aside", "//form"]
# Fewer words than this is a teaser, a paywall or a page without an article, not a news text.
MIN_ARTICLE_WORDS = 40


@dataclass(frozen=True)
class Page:
    """The article on a page; empty strings where the page did not say."""

    title: str
    text: str
    date: str
    author: str
    site_name: str


def extract_page(html: str | bytes, url: str | None = None) -> Page | None:
    """The main text and metadata of a news page, or ``None`` when no main text was found.

    The text may be short: :func:`too_short` says whether it can be an article."""
    from trafilatura import bare_extraction

    document = bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        prune_xpath=FURNITURE,
    )
    if document is None:
        return None
    values = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = (values.get("text") or "").strip()
    title = _clean(values.get("title"))
    first, _, rest = text.partition("\n")
    if title and " ".join(first.split()) == title and rest.strip():
        text = rest.strip()  # the headline, repeated as the body's first line
    if not text:
        return None
    return Page(
        title=title,
        text=text,
        date=_clean(values.get("date")),
        author=_clean(values.get("author")),
        site_name=_clean(values.get("sitename")),
    )


def too_short(page: Page) -> bool:
    """True when the main text has fewer than :data:`MIN_ARTICLE_WORDS` words: a paywall
    stub, a teaser or a page with no article."""
    return len(page.text.split()) < MIN_ARTICLE_WORDS


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def feed_kind(body: bytes) -> str:
    """``"feed"`` (RSS or Atom), ``"sitemap"`` or ``""`` (anything else, e.g. a page)."""
    head = body[:2048].lstrip().lower()
    if not head.startswith(b"<?xml") and not head.startswith(b"<"):
        return ""
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    return ""


def feed_links(body: bytes) -> list[str] | None:
    """The article links of an RSS/Atom feed or the ``<loc>`` entries of a sitemap, in document
    order, or ``None`` when the XML cannot be parsed. A sitemap index gives its sitemaps'
    addresses, which the caller fetches in turn."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return None
    links: list[str] = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1].lower()
        if name == "loc" or (name == "link" and element.text and element.text.strip()):
            links.append((element.text or "").strip())
        elif (
            name == "link"
            and element.get("href")
            and element.get("rel", "alternate") == "alternate"
        ):
            # Atom: <link href="..."/>; only the article's own (alternate) link.
            links.append(element.get("href", "").strip())
        if len(links) >= MAX_FEED_LINKS:
            break
    channel_links = _channel_links(root)
    return [link for link in links if link and link not in channel_links]


def _channel_links(root: ElementTree.Element) -> set[str]:
    """The feed's own home-page links (RSS ``channel/link``, Atom ``feed/link``), which are not
    articles."""
    own: set[str] = set()
    for parent in root.iter():
        name = parent.tag.rsplit("}", 1)[-1].lower()
        if name not in ("channel", "feed"):
            continue
        for child in parent:
            if child.tag.rsplit("}", 1)[-1].lower() == "link":
                own.add((child.text or child.get("href") or "").strip())
    return own
