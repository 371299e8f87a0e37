"""Split a headline and body into sentences and word tokens in one pass.

Every score reads the same segmentation: the term matcher reads the tokens, VADER reads the
sentence strings, readability reads the counts. Nothing here downloads a model: the sentence
splitter is rule-based (terminal punctuation followed by a capital, minus known abbreviations
and initials), and line breaks always end a sentence because saved articles put headlines,
captions and paragraphs on lines of their own.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache
from itertools import accumulate, repeat
from operator import itemgetter
from typing import NamedTuple, cast

# A word part: letters or digits, with internal apostrophes ("Haftar's", "don't").
_PART = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
# What may stand between two parts of one written word: a hyphen of any kind, or the full stop of
# an abbreviation such as U.S. (only between single letters), or a thousands separator.
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013")
_JOINING_GAPS = _HYPHENS | {".", ","}
# Splitting on the parts keeps them: gap, part, gap, part, ..., gap.
_GAPS_AND_PARTS = re.compile(f"({_PART.pattern})")
_TOKEN_START = itemgetter(1)
# Above this many characters the tokens' texts are interned (about 50 bytes saved per token).
INTERN_ABOVE_CHARS = 100_000
_CANDIDATE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "cmdr",
        "adm",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "no",
        "nos",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "gov",
        "sen",
        "rep",
        "rev",
        "fig",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
        "approx",
        "dept",
        "est",
    ]
)


class Token(NamedTuple):
    """One word part. ``joined`` is true when it continues the previous part's written word."""

    text: str
    start: int
    end: int
    joined: bool


@dataclass(frozen=True)
class SentenceSpan:
    """A sentence located in the headline (``field == "title"``) or the body (``"text"``).

    Its ``tokens`` are held when the sentence comes from a field of ordinary length; in a field
    longer than :data:`TOKENS_ON_DEMAND_ABOVE_CHARS` they are made again from the sentence's
    text when asked for (the same tokens), so that a huge article never holds all its tokens at
    once.
    """

    index: int
    field: str
    start: int
    end: int
    text: str
    held_tokens: tuple[Token, ...] | None = dataclass_field(default=None, repr=False, compare=False)

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The sentence's word parts, with offsets into its field."""
        if self.held_tokens is not None:
            return self.held_tokens
        return _sentence_tokens(self.text, self.start)


# Above this many characters in a headline or body (about 170,000 words), sentences make their
# tokens on demand: held, the tokens of an 8 MB article take about 370 MB.
TOKENS_ON_DEMAND_ABOVE_CHARS = 1_000_000


@lru_cache(maxsize=64)
def _sentence_tokens(text: str, start: int) -> tuple[Token, ...]:
    """The tokens of one sentence of a huge field. The scores read a sentence's tokens several
    times in a row (matching, then each hit's offsets), so the last few are kept."""
    return _tokens(text, start)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``, in order, trimmed of surrounding space."""
    bounds: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        start = line_start
        for match in _CANDIDATE_END.finditer(text, line_start, line_end):
            after = match.end()
            if after < line_end and _ends_sentence(text, start, match.start(), after):
                bounds.append((start, after))
                start = after
        bounds.append((start, line_end))
        line_start = line_end + 1
    return [span for span in (_trim(text, s, e) for s, e in bounds) if span is not None]


def _ends_sentence(text: str, start: int, stop: int, after: int) -> bool:
    following = text[after]
    if not (following.isupper() or following.isdigit() or following in "\"'\u201c\u2018(["):
        return False
    if text[stop] != ".":
        return True
    before = text[start:stop].rsplit(None, 1)
    if not before:
        return True
    word = before[-1].lstrip("\"'\u201c\u2018([").lower()
    if len(word) == 1 and word.isalpha():
        return False  # an initial, as in "Abdel F. Sisi"
    return word not in _ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def tokenize(text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """The word parts of ``text[start:end]`` with absolute offsets.

    Hyphenated words ("UN-backed") and dotted abbreviations ("U.S.") become several parts marked
    ``joined`` so the matcher can treat hyphens as spaces while word counts still see one word.
    """
    # Bounds are clamped as a regular expression's pos and endpos are.
    length = len(text)
    start = min(max(start, 0), length)
    stop = length if end is None else min(max(end, 0), length)
    return _tokens(text[start:stop], start) if start < stop else ()


def _tokens(text: str, offset: int) -> tuple[Token, ...]:
    """:func:`tokenize` of the whole of ``text``, with ``offset`` added to every offset."""
    # One split in C gives every part and the gaps between them; their lengths give the offsets.
    # (A Python loop over the matches cost most of the time of segmentation.)
    pieces = _GAPS_AND_PARTS.split(text)
    parts = pieces[1::2]
    if not parts:
        return ()
    if len(text) > INTERN_ABOVE_CHARS:
        # A long text repeats the same few words: one string per distinct word, not per token.
        parts = list(map(sys.intern, parts))
    offsets = list(accumulate(map(len, pieces), initial=offset))
    joined = [False]
    joined += map(_JOINING_GAPS.__contains__, pieces[2:-1:2])
    if True in joined:
        _confirm_joins(joined, pieces)
    # tuple.__new__ builds each Token in C; Token(...) would run a Python __new__ per token.
    return cast(
        tuple[Token, ...],
        tuple(
            map(
                tuple.__new__,
                repeat(Token),
                zip(parts, offsets[1:-1:2], offsets[2::2], joined, strict=True),
            )
        ),
    )


def _confirm_joins(joined: list[bool], pieces: list[str]) -> None:
    """Keep a full stop only between single letters (U.S.), a comma only between digits (5,300)."""
    position = joined.index(True)
    while True:
        previous, gap, part = pieces[2 * position - 1 : 2 * position + 2]
        if gap == ".":
            joined[position] = len(part) == 1 and len(previous) == 1
        elif gap == ",":
            joined[position] = part.isdigit() and previous.isdigit()
        try:
            position = joined.index(True, position + 1)
        except ValueError:
            return


_new = object.__new__
_set = object.__setattr__


def segment(title: str, text: str) -> tuple[SentenceSpan, ...]:
    """Sentences of the headline, then of the body, numbered from 0, each with its tokens."""
    sentences: list[SentenceSpan] = []
    for field_name, content in (("title", title), ("text", text)):
        bounds = sentence_bounds(content)
        if not bounds:
            continue
        if len(content) > TOKENS_ON_DEMAND_ABOVE_CHARS:
            # Each sentence alone gives the tokens the whole field gives it (see below).
            sentences += [
                SentenceSpan(index, field_name, start, end, content[start:end])
                for index, (start, end) in enumerate(bounds, start=len(sentences))
            ]
            continue
        # The whole field is tokenized at once and its tokens dealt out to the sentences: no
        # token crosses a sentence boundary (sentences end before white space), and a sentence's
        # first token is never joined (white space separates it from the one before).
        tokens = _tokens(content, 0)
        starts = list(map(_TOKEN_START, tokens))
        last = 0
        for start, end in bounds:
            first = bisect_left(starts, start, last)
            last = bisect_left(starts, end, first)
            # SentenceSpan(...) without the dataclass __init__'s call per field (see
            # framing.text.records): its whole __dict__ at once, in the fields' order.
            span = _new(SentenceSpan)
            _set(span, "__dict__", {
                "index": len(sentences), "field": field_name, "start": start, "end": end,
                "text": content[start:end], "held_tokens": tokens[first:last],
            })  # fmt: skip
            sentences.append(span)
    return tuple(sentences)
