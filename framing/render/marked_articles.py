"""The HTML report's article view: each outlet's first articles, with every loaded word
marked by its connotation and numbered, footnotes on what it suggests and what the other
outlets call the same thing, and the most positive and most negative sentences boxed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from html import escape

from framing.compare.model import Comparison
from framing.lexicon.model import Lexicon, Variant
from framing.model import ArticleScore, TermHit
from framing.render.article_view import MOST_POSITIVE, ArticleView
from framing.render.html_blocks import legend

# A classroom report shows a few marked articles per outlet; a research corpus of thousands
# would make the page unusable, and every term is in term_hits.csv anyway.
ARTICLES_PER_OUTLET = 10


# Connotations left unmarked in the articles unless asked for: marking every plain word drowns
# the loaded ones. They stay in the concept tables and in term_hits.csv.
NEUTRAL_CONNOTATIONS = frozenset({"neutral"})
# At most this many other words, and this many outlets by name per word, in a footnote.
_OTHER_WORDS_SHOWN = 3
_OUTLETS_NAMED = 2

_Alternatives = dict[str, dict[str, tuple[str, ...]]]


def alternatives_index(comparison: Comparison) -> _Alternatives:
    """concept -> variant -> the groups that use it (sorted), built once per report so that a
    footnote looks its concept up instead of scanning every share."""
    index: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for share in comparison.variant_shares:
        if share.mentions:
            index[share.concept][share.variant].append(share.group)
    return {
        concept: {variant: tuple(sorted(groups)) for variant, groups in sorted(variants.items())}
        for concept, variants in index.items()
    }


def _alternatives(index: _Alternatives, concept: str, used: set[str], group: str) -> str:
    """One short sentence: the words other groups use for ``concept`` that this article does
    not (``used``), each with who uses it."""
    others = [
        (variant, [g for g in groups if g != group])
        for variant, groups in index.get(concept, {}).items()
        if variant not in used
    ]
    others = [(variant, groups) for variant, groups in others if groups]
    if not others:
        return "No other outlet here uses another word for this."
    others.sort(key=lambda item: (-len(item[1]), item[0]))
    listed = [
        f"\u201c{variant}\u201d ("
        + (", ".join(groups) if len(groups) <= _OUTLETS_NAMED else f"{len(groups)} outlets")
        + ")"
        for variant, groups in others[:_OTHER_WORDS_SHOWN]
    ]
    more = len(others) - _OTHER_WORDS_SHOWN
    if more > 0:
        listed.append(f"{more} more in the table above")
    return f"Other outlets here use {'; '.join(listed)}."


def _paragraphs(source: str) -> str:
    """``source`` with every paragraph break as a blank line. Text that separates paragraphs
    by single line breaks only (no blank line anywhere) gets a blank line at each; text with
    blank lines keeps its single breaks as line breaks within a paragraph."""
    if "\n\n" in source.replace("\r", "") or "\n" not in source:
        return source
    return source.replace("\n", "\n\n")


def _marked_text(
    view: ArticleView,
    field: str,
    numbers: dict[tuple[str, str], int],
    styles: dict[str, tuple[str, str, str, str]],
    variants: dict[tuple[str, str], Variant],
) -> str:
    """The title or text with each marked hit (those in ``numbers``) and the most positive and
    most negative sentences marked up; paragraph breaks become blank lines (white-space:
    pre-line shows them)."""
    source = view.article.title if field == "title" else view.article.text
    sentences = [s for s in view.flagged if s.field == field]
    hits = [h for h in view.terms if h.field == field and (h.concept, h.variant) in numbers]
    out: list[str] = []
    position = 0
    boundaries = sorted(
        [(s.start, 0, s) for s in sentences]
        + [(s.end, 2, s) for s in sentences]
        + [(h.start, 1, h) for h in hits],
        key=lambda item: (item[0], item[1]),
    )
    for offset, kind, item in boundaries:
        if offset < position and kind == 1:
            continue  # a hit inside the previous one: already shown
        if offset > position:
            out.append(escape(source[position:offset]))
            position = offset
        if kind == 0:
            css = item.mark  # type: ignore[union-attr]
            label = "most positive sentence" if css == MOST_POSITIVE else "most negative sentence"
            symbol = "+" if css == MOST_POSITIVE else "\u2212"
            out.append(
                f'<span class="{css}" title="{label}">'
                f'<span class="flag" aria-label="{label}">{symbol}</span> '
            )
        elif kind == 2:
            out.append("</span>")
        else:
            hit = item
            variant = variants.get((hit.concept, hit.variant))  # type: ignore[union-attr]
            number_ = numbers[(hit.concept, hit.variant)]  # type: ignore[union-attr]
            css = styles[hit.connotation][0]  # type: ignore[union-attr]
            tip = f"{hit.variant} ({hit.connotation}): {variant.note if variant else ''}"  # type: ignore[union-attr]
            out.append(
                f'<mark class="{css}" title="{escape(tip)}">{escape(source[hit.start : hit.end])}'
                f"<sup>{number_}</sup></mark>"
            )
            position = hit.end
    out.append(escape(source[position:]))
    return _paragraphs("".join(out)) if field == "text" else "".join(out)


def marked_hits(
    score: ArticleScore | ArticleView, mark_neutral: bool
) -> dict[tuple[str, str], TermHit]:
    """The first hit of each (concept, variant) an article's view marks, in text order: all of
    them with ``mark_neutral``, else those whose connotation is not neutral."""
    first: dict[tuple[str, str], TermHit] = {}
    for hit in score.terms:
        if mark_neutral or hit.connotation not in NEUTRAL_CONNOTATIONS:
            first.setdefault((hit.concept, hit.variant), hit)
    return first


def articles_html(
    comparison: Comparison,
    lexicon: Lexicon,
    scores: Sequence[ArticleView],
    styles: dict[str, tuple[str, str, str, str]],
    mark_neutral: bool = False,
) -> str:
    """The article view: each outlet's first :data:`ARTICLES_PER_OUTLET` articles of
    ``scores`` with their marked words numbered and footnoted (neutral words too with
    ``mark_neutral``)."""
    variants = {(c.id, v.term): v for c in lexicon.concepts for v in c.variants}
    labels = {c.id: c.label for c in lexicon.concepts}
    alternatives = alternatives_index(comparison)
    shown: dict[str, int] = {}
    for score in scores:
        shown[score.article.outlet] = shown.get(score.article.outlet, 0) + 1
    more_note = (
        f'<p class="note">Showing the first {ARTICLES_PER_OUTLET} articles of each outlet; '
        "every article's terms are in <code>term_hits.csv</code>.</p>"
        if max(shown.values(), default=0) > ARTICLES_PER_OUTLET
        else ""
    )
    shown.clear()
    present: set[str] = set()
    articles: list[str] = []
    for score in scores:
        article = score.article
        shown[article.outlet] = shown.get(article.outlet, 0) + 1
        if shown[article.outlet] > ARTICLES_PER_OUTLET:
            continue
        first_hits = marked_hits(score, mark_neutral)
        present.update(hit.connotation for hit in first_hits.values())
        numbers = {key: number for number, key in enumerate(first_hits, start=1)}
        used: dict[str, set[str]] = defaultdict(set)
        for hit in score.terms:
            used[hit.concept].add(hit.variant)
        notes = []
        explained: set[str] = set()
        for hit in first_hits.values():
            # What the other outlets say instead: once per concept, on its first footnote.
            other = ""
            if hit.concept not in explained:
                explained.add(hit.concept)
                other = _alternatives(alternatives, hit.concept, used[hit.concept], article.outlet)
            notes.append(_footnote(hit, labels, variants, other))
        meta = " \u00b7 ".join(escape(x) for x in (article.outlet, article.date, article.id) if x)
        headline = _marked_text(score, "title", numbers, styles, variants) or escape(article.id)
        articles.append(
            f'<article class="article" id="article-{escape(article.id)}">'
            f"<h3>{headline}</h3>"
            f'<p class="note">{meta}</p>'
            f'<div class="body">{_marked_text(score, "text", numbers, styles, variants)}</div>'
            + (f'<ol class="footnotes">{"".join(notes)}</ol>' if notes else "")
            + "</article>"
        )
    unmarked = (
        ""
        if mark_neutral
        else " Words the lexicons call neutral are not marked here (they are in the tables "
        "above and in <code>term_hits.csv</code>; <code>--mark-neutral</code> marks them too)."
    )
    parts = [
        '<section id="articles"><h2>The articles, with terms marked</h2>',
        '<p class="note">Every loaded word is marked by its connotation (colour, underline '
        "style and symbol) and numbered; the notes under each article say what the word "
        "suggests and, once per subject, what the other outlets call the same thing."
        f"{unmarked} A solid green box with + marks the article's most positive sentence, a "
        "dashed orange box with \u2212 its most negative.</p>",
        legend(styles, present) if present else "",
        more_note,
        *articles,
        "</section>",
    ]
    return "".join(parts)


def _footnote(
    hit: TermHit,
    labels: dict[str, str],
    variants: dict[tuple[str, str], Variant],
    alternatives: str,
) -> str:
    variant = variants.get((hit.concept, hit.variant))
    return (
        f"<li><strong>{escape(hit.variant)}</strong> \u2014 "
        f"{escape(labels.get(hit.concept, hit.concept))}, {escape(hit.connotation)}. "
        f"{escape(variant.note) if variant else ''}"
        + (f" {escape(alternatives)}" if alternatives else "")
        + "</li>"
    )
