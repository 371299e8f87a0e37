"""Extract a headline and readable text from a saved HTML page, without a network or a model.

A saved page is read with the same extractor as a fetched one (trafilatura, see
:mod:`framing.fetch.extract`), so a page saved from a browser gives the same article as
``framing fetch``. Pages too small for trafilatura to find a main text fall back to a plain
reading of the visible text: block elements become line breaks, and scripts, styles,
navigation, headers, footers, forms and asides are dropped.
"""

from __future__ import annotations

from html.parser import HTMLParser

from framing.fetch.extract import Page, extract_page

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "template",
        "svg",
        "button",
        "iframe",
        "figure",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "blockquote",
        "tr",
        "table",
        "main",
        "dd",
        "dt",
        "figcaption",
        "hr",
        "pre",
    }
)
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "col"})


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.chunks: list[str] = []
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.in_title = False
        self.in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "h1":
            self.in_h1 = True
        if tag in _BLOCK:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        elif tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK:
            self.chunks.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1_parts.append(data)
        self.chunks.append(data)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document (a .txt file saved as a web page)."""
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def html_to_text(html: str) -> tuple[str, str]:
    """``(headline, text)``: the page's title and main text, one paragraph per line."""
    page = saved_page(html)
    return page.title, page.text


def saved_page(html: str) -> Page:
    """The article of a saved page, with the metadata the page gives (date, author, site)."""
    page = extract_page(html)
    if page is None:
        headline, text = visible_text(html)
        return Page(title=headline, text=text, date="", author="", site_name="")
    return page


def visible_text(html: str) -> tuple[str, str]:
    """``(headline, text)``: the first <h1> (else <title>) and the visible text, one block per
    line."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.chunks).split("\n"))
    text = "\n".join(line for line in lines if line)
    headline = " ".join("".join(parser.h1_parts).split()) or " ".join(
        "".join(parser.title_parts).split()
    )
    return headline, text
