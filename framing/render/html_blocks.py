"""The pieces the HTML report's sections are built of: tables, figures, and the marks of
each connotation (colour, underline style and symbol) with their legend and CSS rules."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

# Colour plus a second cue (underline style and a symbol) for every label.
_KNOWN_STYLES = {
    "delegitimizing": ("#f6c8b0", "wavy", "\u25bc"),
    "neutral": ("#e6e6e6", "dotted", "\u25cf"),
    "legitimizing": ("#bfdcf0", "double", "\u25b2"),
}
# Other labels cycle through colours and underline styles, and each gets a symbol of its own,
# so two labels never share a mark even when their colours repeat.
_OTHER_COLOURS = ("#f5e3a3", "#d8c7e6", "#c9ead7", "#f2d0e4", "#d9e6c3", "#f0d9b5")
_OTHER_UNDERLINES = ("dashed", "solid", "dotted", "double")
_OTHER_SYMBOLS = (
    "\u25c6\u25a0\u2605\u25c7\u25a1\u2606\u2726\u2663\u2660"
    "\u2665\u2666\u25d0\u25d1\u2716\u2714\u2691\u266a\u2742"
    "\u2b1f\u2b22\u25b6\u25c0\u2295\u2297\u229b\u25c8\u2736\u2756"
)


def connotation_styles(labels: Sequence[str]) -> dict[str, tuple[str, str, str, str]]:
    """label -> (css class, background colour, underline style, symbol); every label gets a
    different symbol."""
    styles = {}
    others = 0
    for index, label in enumerate(labels):
        known = _KNOWN_STYLES.get(label)
        if known is None:
            known = (
                _OTHER_COLOURS[others % len(_OTHER_COLOURS)],
                _OTHER_UNDERLINES[others % len(_OTHER_UNDERLINES)],
                _OTHER_SYMBOLS[others % len(_OTHER_SYMBOLS)],
            )
            others += 1
        styles[label] = (f"c{index}", *known)
    return styles


def marks_css(styles: dict[str, tuple[str, str, str, str]]) -> str:
    """The CSS rules of the connotation marks of :func:`connotation_styles`."""
    rules = []
    for css, colour, underline, symbol in styles.values():
        rules.append(
            f"mark.{css} {{ background: {colour}; text-decoration-style: {underline}; }}\n"
            f'mark.{css}::before {{ content: "{symbol}\\00a0"; font-size: 0.75em; }}'
        )
    return "\n".join(rules)


def table(header: Sequence[str], rows: Sequence[Sequence[str]], css: str = "") -> str:
    """A table from already-escaped cell HTML, inside a horizontally scrolling box."""
    head = "".join(f'<th scope="col">{cell}</th>' for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    klass = f' class="{css}"' if css else ""
    return (
        f'<div class="scroll"><table{klass}><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def figure(svg: str, caption: str) -> str:
    """An SVG chart with its caption (plain text, escaped here)."""
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def legend(styles: dict[str, tuple[str, str, str, str]], used: set[str]) -> str:
    """The legend of the connotation marks, for the labels in ``used``."""
    items = "".join(
        f'<span><mark class="{css}">{escape(label)}</mark></span>'
        for label, (css, _colour, _underline, _symbol) in styles.items()
        if label in used
    )
    return f'<p class="legend">Marks: {items}</p>'
