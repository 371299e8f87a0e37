"""Number and text formatting shared by the Markdown and terminal renderers."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from framing.corpus.values import without_surrogates

if TYPE_CHECKING:  # types only: `framing --help` must not load the comparison's models
    from framing.compare.model import Comparison, Estimate, KeywordInContext
    from framing.lexicon.model import Concept, Lexicon

NOT_AVAILABLE = "n/a"

# Explicit bidirectional embeddings, overrides and isolates (Unicode TR9): one left open
# reverses the text that follows it, in a terminal or a rendered page, so none passes through.
# Arabic and Hebrew text need none of them to display in the right order.
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 and C1 control characters and DEL: terminal escape sequences start with one of them.
_CONTROLS = "".join(chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)))


def _visible(character: str) -> str:
    return f"\\x{ord(character):02x}" if ord(character) < 0x100 else f"\\u{ord(character):04x}"


_TERMINAL_SAFE = str.maketrans(
    {
        **{c: _visible(c) for c in _CONTROLS if c not in "\n\t"},
        **{c: _visible(c) for c in _BIDI_CONTROLS},
    }
)


def terminal_text(text: str) -> str:
    """``text`` safe to print to a terminal: control characters (escape sequences, NUL, ...)
    and bidirectional overrides are shown as ``\\x1b`` or ``\\u202e`` instead of acting;
    newlines and tabs stay."""
    return without_surrogates(text).translate(_TERMINAL_SAFE)


def terminal_line(text: str) -> str:
    """``text`` for a one-line message (a warning, an error): as :func:`terminal_text`, with
    a line break inside shown as ``\\n``, so a file name cannot start a fake line of its own."""
    return terminal_text(text).replace("\n", "\\n")


def terminal_cell(text: str) -> str:
    """``text`` for one cell of a terminal table: as :func:`terminal_text`, on one line."""
    return terminal_text(" ".join(text.split("\n"))).replace("\t", " ")


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
        "~": "\\~",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
        **{c: " " for c in _CONTROLS},
        **{c: "" for c in _BIDI_CONTROLS},
        "\u2028": " ",
        "\u2029": " ",
    }
)

_CODE_SPECIAL = str.maketrans(
    {**{c: " " for c in _CONTROLS}, **{c: "" for c in _BIDI_CONTROLS}, "\u2028": " ",
     "\u2029": " "}
)  # fmt: skip


def markdown_text(text: str) -> str:
    """``text`` (from an article, manifest or lexicon) made inert in Markdown: no markup, no
    HTML, no entity, no control or bidirectional-override character, no line break that
    would end a table row, and nothing that starts a block (a list item, a heading underline,
    a thematic break, an indented code block) where it could begin a line."""
    escaped = without_surrogates(text).translate(_MARKDOWN_SPECIAL).strip()
    if escaped[:1] in ("-", "+", "=") and escaped[1:2] in ("", " ", escaped[0]):
        escaped = "\\" + escaped
    number_end = len(escaped) - len(escaped.lstrip("0123456789"))
    if number_end > 0 and escaped[number_end : number_end + 2] in (".", ")", ". ", ") "):
        escaped = escaped[:number_end] + "\\" + escaped[number_end:]  # "1. " is a list item
    return escaped


def markdown_code(text: str) -> str:
    """``text`` as a Markdown code span (outside tables): shown exactly, never interpreted.
    The fence is one backtick longer than any run of backticks inside; control and
    bidirectional-override characters and line breaks are dropped as in :func:`markdown_text`."""
    inner = without_surrogates(text).translate(_CODE_SPECIAL).strip()
    longest = max((len(run) for run in re.findall("`+", inner)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {inner} " if inner.startswith("`") or inner.endswith("`") else inner
    return f"{fence}{padded}{fence}"


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
