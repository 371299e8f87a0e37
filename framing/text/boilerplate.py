"""Find the parts of a sentence that are not the outlet's own language.

Wire copy and saved pages carry text that names the outlet or its sources rather than saying
anything: datelines ("PORT ELLIS (Continental Wire) -", "WASHINGTON —"), agency tags
("(Reuters)", "(AFP)"), bylines ("By Jane Doe and Omar Said"), credit lines ("Reporting by ...;
Editing by ...", "Jane Doe contributed reporting"), copyright and source lines, e-mail addresses
and web addresses. Counted as words they make an outlet's own name and its agencies look like
its vocabulary. :func:`boilerplate_spans` finds them; the vocabulary counts and the examples of
distinguishing terms skip every word inside a span, and no phrase is counted across one.

Names of news agencies and the words of outlets' names are not masked here but left out of the
vocabulary as a whole (see :mod:`framing.compare.vocabulary`), because an outlet's name can only
be known once every article has been read.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# News agencies whose names (and credit tags) are left out of every outlet's vocabulary: the
# world's large wire services and the national agencies most often credited in English copy.
AGENCY_NAMES = (
    "AA",
    "AFP",
    "Agence France-Presse",
    "Agence France Presse",
    "ANI",
    "ANSA",
    "Anadolu",
    "Anadolu Agency",
    "Antara",
    "AP",
    "APA",
    "Associated Press",
    "Bernama",
    "dpa",
    "EFE",
    "IANS",
    "Interfax",
    "IRNA",
    "Kyodo",
    "MENA",
    "PA Media",
    "PAP",
    "Press Association",
    "PTI",
    "Reuters",
    "RIA Novosti",
    "SANA",
    "TASS",
    "UPI",
    "WAFA",
    "Xinhua",
    "Yonhap",
)
_AGENCY_PATTERN = "|".join(re.escape(name) for name in sorted(AGENCY_NAMES, key=len, reverse=True))
_DASH = "[-\u2013\u2014]{1,2}"
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
# A dateline opens a sentence: an optional credit, place and date words (capitalised), an
# optional credit in brackets, then a dash. Whether it is one is decided by _is_dateline.
_DATELINE = re.compile(
    rf"(?:\([^()\n]{{1,60}}\)\s*{_DASH}\s*)?"
    r"(?:[A-Z0-9][\w.'\u2019-]*(?:[ ,/]+(?:[A-Z0-9][\w.'\u2019-]*|de|del|al|el|la|le|of))*)?"
    rf"\s*(?:\([^()\n]{{1,60}}\)\s*)?{_DASH}\s+"
)
_ALL_CAPS_WORD = re.compile(r"\b[A-Z][A-Z'\u2019.-]*[A-Z]\b")
_DATE_WORD = re.compile(rf"\b(?:{_MONTHS})\b\.?|\d", re.IGNORECASE)
# A byline is a whole sentence of capitalised words after "By" (with "and", commas, "in", and
# a staff credit: "By Reuters staff").
_BYLINE = re.compile(
    r"By\s+[A-Z][\w.'\u2019-]*(?:(?:\s+|\s*[,|/&]\s*)"
    r"(?:[A-Z][\w.'\u2019-]*|and|in|for|of|the|de|van|von|al|bin|la|le|staff|reporters?|"
    r"correspondents?|writers?|editors?))*[\s.]*"
)
# Whole sentences that credit people or sources, or say who owns the text.
_CREDIT_LINE = re.compile(
    r"\W*(?:(?:additional|further)\s+)?(?:reporting|writing|editing|edited|compiled|written|"
    r"translated|research|produced|photos?|video|graphics?)\s+by\b"
    r"|\W*(?:sources?|credits?|photo|image|picture|caption|copyright|read more|related|"
    r"also read|see also|click here|follow us|sign up|subscribe)\b\s*:?"
    r"|\W*(?:\u00a9|\(c\)\s)",
    re.IGNORECASE,
)
_CREDIT_ANYWHERE = re.compile(
    r"contributed (?:reporting|to (?:this|the) (?:report|story|article))|all rights reserved"
    r"|this (?:story|article) (?:was|has been) (?:corrected|updated)",
    re.IGNORECASE,
)
# Inside a sentence: bracketed agency tags, e-mail and web addresses.
_INLINE = re.compile(
    rf"\((?:[^()\n]{{0,40}}\W)?(?:{_AGENCY_PATTERN})(?:\W[^()\n]{{0,40}})?\)"
    r"|\S+@\S+\.\w+"
    r"|(?:https?://|www\.)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|co\.uk|com\.au|co|io|tv|fm|news|ly)\b(?:/\S*)?"
)
# Any of the above can only start with one of these (a cheap test for most sentences).
_MAYBE_OPENING = (
    r"\W*(?:by|reporting|additional|further|writing|editing|edited|compiled|written|"
    r"translated|research|produced|photo|video|graphic|source|credit|image|picture|caption|"
    r"copyright|read|related|also|see|click|follow|sign|subscribe|\u00a9|\(c\))\b"
)
_MAYBE = re.compile(
    rf"^{_MAYBE_OPENING}"
    rf"|{_DASH}\s|\(|@|www\.|://|\.[a-z]{{2,4}}\b|contributed|rights reserved|corrected|updated",
    re.IGNORECASE,
)
# In ASCII text _MAYBE can only match where one of these tests does, and they are several times
# faster than its search, which tries every alternative at every character.
_ASCII_OPENING = re.compile(_MAYBE_OPENING, re.IGNORECASE)
_ASCII_DASH = re.compile(r"-\s")
_ASCII_DOMAIN = re.compile(r"\.[A-Za-z]{2}")
_MAX_CREDIT_WORDS = 40


def boilerplate_spans(sentence: str) -> list[tuple[int, int]]:
    """Character spans of ``sentence`` (offsets into it, sorted, not overlapping) that are
    datelines, agency tags, bylines, credit lines or addresses; ``[]`` for most sentences.
    The list is shared between calls: do not change it."""
    # The term counts and the name contexts of an article both ask, sentence by sentence: the
    # answers for the last sentences asked are kept.
    # Long sentences are not kept, so the memo stays small whatever the input.
    spans = _recent.get(sentence)
    if spans is None:
        spans = _spans(sentence)
        if len(sentence) <= _KEPT_CHARS:
            if len(_recent) >= _RECENT_SENTENCES:
                _recent.clear()
            _recent[sentence] = spans
    return spans


_RECENT_SENTENCES = 512
_KEPT_CHARS = 2000
_recent: dict[str, list[tuple[int, int]]] = {}


def _spans(sentence: str) -> list[tuple[int, int]]:
    if not _may_have_boilerplate(sentence):
        return []
    length = len(sentence)
    if _BYLINE.fullmatch(sentence) and len(sentence.split()) <= 16:
        return [(0, length)]
    words = len(sentence.split())
    if words <= _MAX_CREDIT_WORDS and (
        _CREDIT_LINE.match(sentence) or _CREDIT_ANYWHERE.search(sentence)
    ):
        return [(0, length)]
    spans: list[tuple[int, int]] = []
    dateline = _DATELINE.match(sentence)
    if dateline and dateline.end() < length and _is_dateline(dateline.group()):
        spans.append((0, dateline.end()))
    for match in _INLINE.finditer(sentence, spans[0][1] if spans else 0):
        spans.append(match.span())
    return spans


def _may_have_boilerplate(sentence: str) -> bool:
    if sentence.isascii():
        lowered = sentence.lower()
        if not (
            "(" in sentence
            or "@" in sentence
            or "://" in sentence
            or "www." in lowered
            or "contributed" in lowered
            or "rights reserved" in lowered
            or "corrected" in lowered
            or "updated" in lowered
            or _ASCII_DASH.search(sentence)
            or _ASCII_DOMAIN.search(sentence)
            or _ASCII_OPENING.match(sentence)
        ):
            return False
    return _MAYBE.search(sentence) is not None


def _is_dateline(text: str) -> bool:
    # A place in capitals, a credit in brackets, or a date: "Tripoli, Libya -" alone could as
    # well be a headline's "Haftar, Sarraj - talks resume".
    if len(text.split()) > 12:
        return False
    return bool("(" in text or _ALL_CAPS_WORD.search(text) or _DATE_WORD.search(text))


def host_words(url: str) -> tuple[str, ...]:
    """The distinctive labels of a web address's host, lower case: ``highlandvoice`` for
    ``https://www.highlandvoice.co.uk/news``; ``()`` when there is no host."""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return ()
    labels = host.lower().split(".")
    generic = {"www", "m", "amp", "edition", "news", "com", "org", "net", "co", "uk", "gov"}
    return tuple(label for label in labels[:-1] if label not in generic and len(label) > 2)
