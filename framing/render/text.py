"""Number and text formatting shared by the Markdown and terminal renderers."""

from __future__ import annotations

import re
from datetime import datetime

from framing.compare.model import Comparison, Estimate, KeywordInContext
from framing.lexicon.model import Concept, Lexicon

NOT_AVAILABLE = "n/a"
_MARKDOWN_SPECIAL = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "*": "\\*",
        "_": "\\_",
        "`": "\\`",
        "[": "\\[",
        "]": "\\]",
        "#": "\\#",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
        "\n": " ",
        "\r": " ",
    }
)


def markdown_text(text: str) -> str:
    """``text`` (from an article, manifest or lexicon) made inert in Markdown: no markup, no
    HTML, no line breaks that would end a table row."""
    return text.translate(_MARKDOWN_SPECIAL)


def day(date: str) -> str:
    """An ISO date or timestamp (``2025-03-05 08:15:00``, ``2025-03-05T08:15Z``) as its day,
    ``2025-03-05``; any other text as given. Tables show dates this way so that one table never
    mixes timestamps with days."""
    try:
        datetime.fromisoformat(date.strip())
    except ValueError:
        return date
    return date.strip()[:10]


def date_range(first: str, last: str) -> str:
    """``first to last`` in days (see :func:`day`), one day when both fall on it, "" when
    there is no date."""
    first, last = day(first), day(last)
    return first if first == last else f"{first} to {last}"


_WORD = re.compile(r"\S+")
_SPACES = re.compile(r"\s+")


def in_context(
    example: KeywordInContext, words: int = 8, marks: tuple[str, str] = ("[", "]")
) -> str:
    """``left [term] right`` with at most ``words`` words either side, spaced as the article
    spaces them ("(Continental Wire)" stays so); runs of white space become one space."""
    left, right = example.left, example.right
    starts = [m.start() for m in _WORD.finditer(left)]
    if len(starts) > words:
        left = "\u2026 " + left[starts[-words] :]
    ends = [m.end() for m in _WORD.finditer(right)]
    if len(ends) > words:
        right = right[: ends[words - 1]] + " \u2026"
    text = f"{left}{marks[0]}{example.term}{marks[1]}{right}"
    return _SPACES.sub(" ", text).strip()


def frame_cells(comparison: Comparison, lexicon: Lexicon) -> list[tuple[Concept, list[str]]]:
    """Per frame dimension that any group uses: the dimension and one ``share% (cues)`` cell
    per group (an em dash where the group has no cue of it)."""
    shares = {(f.group, f.frame): f for f in comparison.frames}
    rows = []
    for frame in lexicon.frames:
        found = [shares.get((g, frame.id)) for g in comparison.groups]
        if any(f is not None and f.cues for f in found):
            rows.append(
                (
                    frame,
                    [
                        f"{interval(f.share, 'percent')} ({f.cues})" if f and f.cues else "\u2014"
                        for f in found
                    ],
                )
            )
    return rows


def percent(value: float | None) -> str:
    return NOT_AVAILABLE if value is None else f"{100 * value:.0f}%"


def signed(value: float | None, digits: int = 2) -> str:
    return NOT_AVAILABLE if value is None else f"{value:+.{digits}f}"


def number(value: float | None, digits: int = 1) -> str:
    return NOT_AVAILABLE if value is None else f"{value:.{digits}f}"


def interval(estimate: Estimate, show: str = "number", digits: int = 1) -> str:
    """``value [low, high]`` when an interval exists, else the value alone."""

    def formatted(value: float) -> str:
        if show == "percent":
            return percent(value)
        return signed(value, digits) if show == "signed" else number(value, digits)

    if estimate.value is None:
        return NOT_AVAILABLE
    if estimate.low is None or estimate.high is None:
        return formatted(estimate.value)
    return f"{formatted(estimate.value)} [{formatted(estimate.low)}, {formatted(estimate.high)}]"
