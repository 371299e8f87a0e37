"""The report section "How outlets label the people they name", in Markdown and HTML, and the
note on what the vocabulary leaves out. Renders :attr:`Comparison.epithets`; computes nothing."""

from __future__ import annotations

from html import escape

from framing.compare.model import Comparison, Epithet
from framing.render.text import in_context, markdown_text

TITLE = "How outlets label the people they name"
_INTRO = (
    "For the people, groups and places named most often by at least two outlets, the words "
    "printed right before and after the name, in a possessive and in an apposition, found "
    "without a lexicon. Listed are the labels an outlet gives a name more often than the other "
    "outlets give the same name: the log-odds ratio with an informative Dirichlet prior, as a "
    "z-score (Monroe, Colaresi & Quinn 2008), significant only after a Benjamini-Hochberg "
    "correction and when the label occurs in at least two of the outlet's articles. A label "
    "can be a quotation or a plain job title; read the example before drawing a conclusion."
)
_NONE = "No name is printed by two outlets with labels to compare."
_HEADER = ["outlet", "label", "count (outlet vs rest)", "z", "significant", "in context"]


def label_text(epithet: Epithet, blank: str = "___") -> str:
    """How the label stands next to the name: "renegade commander ___", "___'s militia"."""
    phrase, position = epithet.epithet, epithet.position
    if position in ("before", "title"):
        return f"{phrase} {blank}"
    if position == "possessive":
        return f"{blank}'s {phrase}"
    if position == "apposition":
        return f"{blank}, \u2026 {phrase}"
    return f"{blank} {phrase}"


def _significance(epithet: Epithet) -> str:
    return ("yes" if epithet.significant else "no") if epithet.tested else "not tested"


def _names(comparison: Comparison) -> list[str]:
    return list(dict.fromkeys(e.name for e in comparison.epithets))


def epithets_markdown(comparison: Comparison) -> list[str]:
    """The section's Markdown lines."""
    lines = [f"## {TITLE}", "", markdown_text(_INTRO) + " Rows: `epithets.csv`.", ""]
    if not comparison.epithets:
        return [*lines, _NONE, ""]
    for name in _names(comparison):
        lines += [f"### {markdown_text(name)}", ""]
        lines += ["| " + " | ".join(_HEADER) + " |", "|" + "---|" * len(_HEADER)]
        for e in comparison.epithets:
            if e.name != name:
                continue
            cells = [
                markdown_text(e.group),
                f"**{markdown_text(label_text(e))}**",
                f"{e.count} vs {e.count_rest}",
                f"{e.z:.2f}",
                _significance(e),
                markdown_text(in_context(e.example)) if e.example else "",
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def epithets_html(comparison: Comparison) -> str:
    """The section as HTML (every text escaped)."""
    parts = [f'<section id="epithets"><h2>{escape(TITLE)}</h2>']
    parts.append(f'<p class="note">{escape(_INTRO)} Rows: epithets.csv.</p>')
    if not comparison.epithets:
        parts.append(f"<p>{escape(_NONE)}</p></section>")
        return "".join(parts)
    for name in _names(comparison):
        # In a horizontally scrolling box, as every table of the report, so a phone shows it.
        parts.append(f'<h3>{escape(name)}</h3><div class="scroll"><table><thead><tr>')
        parts += [f'<th scope="col">{escape(h)}</th>' for h in _HEADER]
        parts.append("</tr></thead><tbody>")
        for e in comparison.epithets:
            if e.name != name:
                continue
            example = ""
            if e.example:
                example = (
                    escape(in_context(e.example, 8, ("\x00", "\x01")))
                    .replace("\x00", '<mark class="kwic">')
                    .replace("\x01", "</mark>")
                )
            cells = [
                escape(e.group),
                f"<strong>{escape(label_text(e))}</strong>",
                f"{e.count} vs {e.count_rest}",
                f"{e.z:.2f}",
                _significance(e),
                example,
            ]
            parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        parts.append("</tbody></table></div>")
    parts.append("</section>")
    return "".join(parts)


def left_out_note(comparison: Comparison) -> str:
    """One sentence on what the vocabulary leaves out, or ``""`` without a vocabulary."""
    vocabulary = comparison.vocabulary
    if vocabulary is None:
        return ""
    names = vocabulary.outlet_words
    shown = ", ".join(names[:30]) + (", \u2026" if len(names) > 30 else "")
    note = (
        "Counted after removing datelines, agency tags, bylines, credit lines, numbers and "
        "function words; the names of news agencies and the words of outlets' names are left "
        f"out for every outlet ({shown or 'none'}); a phrase counts only if it occurs in at "
        f"least {vocabulary.min_phrase_articles} articles."
    )
    if vocabulary.pruned_below:
        note += (
            f" To bound memory, terms seen in {vocabulary.pruned_below} articles or fewer when "
            "the vocabulary was full were dropped; rare terms may be undercounted."
        )
    return note
