"""The classroom report as one self-contained HTML file (``report.html``).

Everything is inline: CSS, charts as SVG, no script, no font or image from anywhere else, so the
file opens offline by double-click and prints cleanly. Every piece of text that comes from an
article, a manifest or a lexicon passes through :func:`html.escape`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from html import escape
from importlib import resources

from framing.compare.clusters import READABILITY_NAMES
from framing.compare.model import Comparison
from framing.lexicon.model import Lexicon, Variant
from framing.model import ArticleScore, TermHit
from framing.render import charts
from framing.render.article_view import MOST_POSITIVE, ArticleView
from framing.render.epithets_section import TITLE as EPITHETS_TITLE
from framing.render.epithets_section import epithets_html, left_out_note
from framing.render.markdown import ReportContext
from framing.render.scaling_sections import SCALING_TITLE, blocks_html, scaling_html
from framing.render.scaling_sections import sentence as _sentence
from framing.render.stance import STANCE_EXPLANATION, stance_rows
from framing.render.stories_view import HEADING as STORIES_TITLE
from framing.render.stories_view import stories_html
from framing.render.text import (
    date_range,
    frame_cells,
    in_context,
    interval,
    number,
    signed,
)
from framing.render.worksheet import worksheet_questions
from framing.settings import CompareSettings

# A classroom report shows a few marked articles per outlet; a research corpus of thousands
# would make the page unusable, and every term is in term_hits.csv anyway.
ARTICLES_PER_OUTLET = 10


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


def _css() -> str:
    return (resources.files("framing.render") / "report.css").read_text(encoding="utf-8")


def _styles_css(styles: dict[str, tuple[str, str, str, str]]) -> str:
    rules = []
    for css, colour, underline, symbol in styles.values():
        rules.append(
            f"mark.{css} {{ background: {colour}; text-decoration-style: {underline}; }}\n"
            f'mark.{css}::before {{ content: "{symbol}\\00a0"; font-size: 0.75em; }}'
        )
    return "\n".join(rules)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], css: str = "") -> str:
    """A table from already-escaped cell HTML, inside a horizontally scrolling box."""
    head = "".join(f'<th scope="col">{cell}</th>' for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    klass = f' class="{css}"' if css else ""
    return (
        f'<div class="scroll"><table{klass}><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def render_html(
    comparison: Comparison,
    lexicon: Lexicon,
    shown: Sequence[ArticleView],
    context: ReportContext,
    worksheet: bool = False,
    mark_neutral: bool = False,
) -> str:
    """The whole report as one HTML document; ``shown`` holds the articles of the article view,
    in input order (each outlet's first :data:`ARTICLES_PER_OUTLET`; one more says there are
    more). With ``mark_neutral`` the articles mark neutral words too."""
    styles = connotation_styles(lexicon.connotation_labels())
    sections = [
        _overview(comparison, lexicon, context),
        _concepts(comparison, lexicon, styles, context.settings),
        _frames(comparison, lexicon),
        _rates(comparison, lexicon),
        _actors(comparison, lexicon),
        _stance(comparison, lexicon),
        _readability(comparison),
        _terms(comparison),
        epithets_html(comparison),
        _clusters(comparison),
        scaling_html(comparison),
        _stories(context, lexicon),
        _articles(comparison, lexicon, shown, styles, mark_neutral),
        _how_to_read(context),
    ]
    if worksheet:
        sections.append(_worksheet(comparison, lexicon))
    title = f"Framing report: {context.articles} articles, {len(comparison.groups)} outlets"
    nav_items = [
        ("overview", "What was compared"),
        ("concepts", "What each outlet calls things"),
        ("frames", "Which frames each outlet uses"),
        ("rates", "How often each subject comes up"),
        ("actors", "How the actors are portrayed"),
        ("stance", "Word choices toward each target"),
        ("readability", "Readability"),
        ("terms", "Words that set outlets apart"),
        ("epithets", EPITHETS_TITLE),
        ("clusters", "Which outlets frame alike"),
        ("scaling", SCALING_TITLE),
        *([("stories", STORIES_TITLE)] if context.stories is not None else []),
        ("articles", "The articles, with terms marked"),
        ("method", "How to read this report"),
    ]
    if worksheet:
        nav_items.append(("worksheet", "Classroom worksheet"))
    nav = "".join(f'<li><a href="#{anchor}">{escape(text)}</a></li>' for anchor, text in nav_items)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{escape(title)}</title><style>{_css()}{_styles_css(styles)}</style></head>"
        f"<body><header><h1>{escape(title)}</h1></header>"
        f'<nav aria-label="Contents"><ul>{nav}</ul></nav><main>'
        + "".join(sections)
        + "</main></body></html>\n"
    )


def _overview(comparison: Comparison, lexicon: Lexicon, context: ReportContext) -> str:
    caveat = (
        f'<p class="caveat"><strong>Read this first.</strong> {escape(comparison.caveats[0])}</p>'
        if comparison.caveats
        else ""
    )
    rows = [
        [
            escape(p.group),
            str(p.articles),
            str(p.words),
            escape(date_range(p.first_date, p.last_date)) or "n/a",
        ]
        for p in comparison.profiles
    ]
    packs = ", ".join(f"{escape(p.title)} (version {escape(p.version)})" for p in lexicon.packs)
    return (
        '<section id="overview"><h2>What was compared</h2>'
        f"{caveat}<p>{context.articles} articles scored, {context.skipped} skipped (see "
        f"<code>skipped.csv</code>), grouped by {escape(comparison.by)}. Lexicons: {packs}.</p>"
        + _table([escape(comparison.by), "articles", "words", "dates"], rows)
        + _pack_choice(context)
        + "</section>"
    )


def _pack_choice(context: ReportContext) -> str:
    choice = context.packs
    if choice is None:
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in choice.report_lines())
    notices = "".join(f"<li>{escape(notice)}</li>" for notice in choice.lexicon.notices)
    overlap = (
        f"<p>Where two packs list the same word, one entry counts:</p><ul>{notices}</ul>"
        if notices
        else ""
    )
    return (
        "<h3>Which topic packs were used, and why</h3>"
        f"<p>{escape(choice.explanation())} <code>--pack</code> and <code>--no-pack</code> "
        f"override it.</p><ul>{items}</ul>{overlap}"
    )


def _legend(styles: dict[str, tuple[str, str, str, str]], used: set[str]) -> str:
    items = "".join(
        f'<span><mark class="{css}">{escape(label)}</mark></span>'
        for label, (css, _colour, _underline, _symbol) in styles.items()
        if label in used
    )
    return f'<p class="legend">Marks: {items}</p>'


def _concepts(
    comparison: Comparison,
    lexicon: Lexicon,
    styles: dict[str, tuple[str, str, str, str]],
    settings: CompareSettings,
) -> str:
    by_key = {(s.group, s.concept, s.variant): s for s in comparison.variant_shares}
    totals = {(s.group, s.concept): s.concept_mentions for s in comparison.variant_shares}
    parts = [
        '<section id="concepts"><h2>What each outlet calls things</h2>',
        '<p class="note">One table per subject. Each cell is the share of that outlet\'s mentions '
        "of the subject that use the word in the row, with the count; \u2014 means the outlet "
        "never mentions the subject. Brackets give a 95% interval when an outlet has two or more "
        f"articles. A * marks a share based on fewer than {settings.min_mentions} mentions.</p>",
        _legend(styles, {s.connotation for s in comparison.variant_shares if s.mentions}),
    ]
    for concept in lexicon.concepts:
        used = [
            v
            for v in concept.variants
            if any(
                (s := by_key.get((g, concept.id, v.term))) and s.mentions for g in comparison.groups
            )
        ]
        if not used:
            continue
        rows = []
        for variant in used:
            css = styles[variant.connotation][0]
            cells = [
                f'<mark class="{css}" title="{escape(variant.note)}">{escape(variant.term)}</mark>',
                escape(variant.connotation),
            ]
            for group in comparison.groups:
                share = by_key.get((group, concept.id, variant.term))
                total = totals.get((group, concept.id), 0)
                star = "*" if total and total < settings.min_mentions else ""
                if not total or share is None:
                    cells.append("\u2014")
                elif not share.mentions:
                    cells.append(f"0 of {total}{star}")
                else:
                    cells.append(
                        f"<strong>{escape(interval(share.share, 'percent'))}</strong> "
                        f"({share.mentions} of {total}){star}"
                    )
            rows.append(cells)
        parts.append(f"<h3>{escape(concept.label)}</h3><p>{escape(concept.note)}</p>")
        heads = ["word", "connotation", *(escape(g) for g in comparison.groups)]
        parts.append(_table(heads, rows, "concept"))
    parts.append("</section>")
    return "".join(parts)


def _frames(comparison: Comparison, lexicon: Lexicon) -> str:
    if not comparison.frames:
        return ""
    rows = [
        [f'<span title="{escape(frame.note)}">{escape(frame.label)}</span>']
        + [escape(cell) for cell in cells]
        for frame, cells in frame_cells(comparison, lexicon)
    ]
    return (
        '<section id="frames"><h2>Which frames each outlet uses</h2>'
        '<p class="note">The share of each outlet\'s frame cue words that belong to each '
        "dimension of the Policy Frames Codebook (Boydstun et al. 2014), with the count. An "
        "economic frame talks of costs and jobs, a security frame of threats and troops. Cue "
        "counting is a rough guide, not a human coder's judgement.</p>"
        + _table(["frame", *(escape(g) for g in comparison.groups)], rows)
        + "</section>"
    )


def _rates(comparison: Comparison, lexicon: Lexicon) -> str:
    rates = {(r.group, r.concept): r for r in comparison.concept_rates}
    rows = []
    for concept in lexicon.concepts:
        found = [rates.get((g, concept.id)) for g in comparison.groups]
        if any(r is not None and r.mentions for r in found):
            rows.append(
                [escape(concept.label)]
                + [
                    f"{number(r.per_1000_words)} ({r.mentions})" if r is not None else "\u2014"
                    for r in found
                ]
            )
    return (
        '<section id="rates"><h2>How often each outlet brings each subject up</h2>'
        '<p class="note">Mentions of the subject per 1,000 words, with the count. An outlet '
        "that rarely mentions a subject has few words to choose between, so read its shares "
        "above with care.</p>"
        + _table(["subject", *(escape(g) for g in comparison.groups)], rows)
        + "</section>"
    )


def _actors(comparison: Comparison, lexicon: Lexicon) -> str:
    labels = {a.id: a.label for a in lexicon.actors}
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    for p in comparison.actors:
        cells[p.actor][p.group] = f"{escape(interval(p.compound, 'signed', 2))} ({p.sentences})"
    rows = [
        [
            escape(labels.get(actor, actor)),
            *(cells[actor].get(g, "\u2014") for g in comparison.groups),
        ]
        for actor in (a.id for a in lexicon.actors)
        if actor in cells
    ]
    if not comparison.actors:
        return (
            '<section id="actors"><h2>How the actors are portrayed</h2>'
            "<p>No named actor of the lexicons is mentioned, or the lexicons define none.</p>"
            "</section>"
        )
    chart = _figure(
        charts.actor_chart(comparison, lexicon),
        "Each marker is one outlet's tone toward the actor (VADER valence of the words tied to "
        "it, -1 to +1); lines show 95% intervals where an outlet has two or more articles.",
    )
    return (
        '<section id="actors"><h2>How the actors are portrayed</h2>'
        '<p class="note">Only the words tied to the actor count: its clause, the words beside '
        "its name, praise or blame aimed at it; words nearer another actor, what the actor "
        "itself says, and harm done to it do not. Check the sentences before drawing "
        "conclusions.</p>"
        + chart
        + _table(["actor", *(escape(g) for g in comparison.groups)], rows)
        + "</section>"
    )


def _stance(comparison: Comparison, lexicon: Lexicon) -> str:
    rows = [
        [escape(label), *(escape(cell) for cell in cells)]
        for _target, label, cells in stance_rows(comparison, lexicon)
    ]
    chart = ""
    if any(s.balance.value is not None for s in comparison.stances):
        chart = _figure(
            charts.stance_chart(comparison, lexicon),
            "Each marker is one outlet's connotation balance toward one target; lines show 95% "
            "intervals where an outlet has two or more articles.",
        )
    body = (
        chart + _table(["aimed at", *(escape(g) for g in comparison.groups)], rows)
        if rows
        else "<p>No word of the lexicons was counted.</p>"
    )
    return (
        '<section id="stance"><h2>Word choices toward each target</h2>'
        f'<p class="note">{escape(STANCE_EXPLANATION)}</p>' + body + "</section>"
    )


def _readability(comparison: Comparison) -> str:
    rows = []
    for index, (formula, _estimate) in enumerate(comparison.profiles[0].readability):
        rows.append(
            [escape(READABILITY_NAMES[formula])]
            + [escape(interval(p.readability[index][1])) for p in comparison.profiles]
        )
    rows.append(
        ["sentiment (mean compound)"]
        + [escape(interval(p.sentiment_mean, "signed", 2)) for p in comparison.profiles]
    )
    rows.append(
        ["negative sentences"]
        + [escape(interval(p.negative_share, "percent")) for p in comparison.profiles]
    )
    return (
        '<section id="readability"><h2>Readability and tone</h2>'
        + _figure(
            charts.readability_chart(comparison),
            "Flesch-Kincaid grade: the US school year a reader needs. About 8 is a general "
            "newspaper; 12 is the last year of secondary school; above 16 is postgraduate prose.",
        )
        + '<p class="note">Flesch reading ease runs from about 0 (very hard; dense text can go '
        "below 0) to 100 (very easy). All formulas count sentence and word length, not ideas.</p>"
        + _table(["measure", *(escape(g) for g in comparison.groups)], rows)
        + "</section>"
    )


def _terms(comparison: Comparison) -> str:
    parts = [
        '<section id="terms"><h2>Words that set each outlet apart</h2>',
        '<p class="note">Words and phrases an outlet uses more than the others together '
        "(log-odds with an informative Dirichlet prior, as a z-score; Monroe, Colaresi &amp; "
        "Quinn 2008). Marked significant only after a Benjamini-Hochberg correction and only "
        "when the term occurs in at least two of the outlet's articles. "
        f"{escape(left_out_note(comparison))}</p>",
    ]
    for group in comparison.groups:
        terms = [t for t in comparison.distinguishing if t.group == group]
        parts.append(f"<h3>{escape(group)}</h3>")
        if not terms:
            parts.append("<p>No term stands out.</p>")
            continue
        rows = [
            [
                f"<strong>{escape(t.term)}</strong>"
                + (f" (also: {escape(', '.join(t.related))})" if t.related else ""),
                str(t.count),
                f"{t.z:.2f}",
                ("yes" if t.significant else "no") if t.tested else "not tested",
                "<br>".join(
                    escape(in_context(e, 8, ("\x00", "\x01")))
                    .replace("\x00", '<mark class="kwic">')
                    .replace("\x01", "</mark>")
                    for e in t.examples
                ),
            ]
            for t in terms
        ]
        parts.append(_table(["term", "count", "z", "significant", "in context"], rows))
    parts.append("</section>")
    return "".join(parts)


def _clusters(comparison: Comparison) -> str:
    clustering = comparison.clustering
    parts = ['<section id="clusters"><h2>Which outlets frame alike</h2>']
    if not clustering.labels:
        parts.append(f"<p>{escape(_sentence(clustering.chosen_by))}.</p>")
        if clustering.map_coordinates and len(clustering.groups) >= 2:
            parts.append(
                _figure(
                    charts.map_chart(clustering),
                    "Outlets on the first two principal components of their standardized features.",
                )
            )
        return "".join(parts) + blocks_html(comparison) + "</section>"
    items = []
    for cluster in range(1, clustering.clusters + 1):
        members = [
            g for g, c in zip(clustering.groups, clustering.labels, strict=True) if c == cluster
        ]
        drivers = [f for f in clustering.fingerprints if f.cluster == cluster]
        described = "; ".join(
            f"{escape(f.feature)} {'higher' if f.z_difference > 0 else 'lower'} "
            f"({number(f.cluster_mean, 2)} vs {number(f.overall_mean, 2)} overall)"
            for f in drivers
        )
        items.append(
            f"<li><strong>Cluster {cluster}:</strong> {escape(', '.join(members))}."
            + (
                f'<br><span class="note">What sets it apart: {described}.</span>'
                if described
                else ""
            )
            + "</li>"
        )
    stability = clustering.stability
    stability_text = (
        interval(stability, "number", 2) if stability.value is not None else stability.note
    )
    if clustering.note:
        parts.append(f'<p class="caveat">{escape(clustering.note)}</p>')
    parts += [
        f"<ul>{''.join(items)}</ul>",
        f'<p class="note">Stability (agreement of clusterings of resampled articles, 1 = '
        f"always the same): {escape(stability_text)}.</p>",
        _figure(
            charts.dendrogram_chart(clustering),
            "Outlets that join low in the tree have "
            "similar profiles; the branch lengths are Ward distances.",
        ),
        _figure(
            charts.map_chart(clustering),
            "Outlets on the first two principal components "
            "of their standardized features; nearby outlets frame alike.",
        ),
    ]
    heads = ["", *(escape(g) for g in clustering.groups)]
    rows = [
        [escape(g), *(signed(v) for v in row)]
        for g, row in zip(clustering.groups, clustering.similarity, strict=True)
    ]
    parts.append(
        "<p>Cosine similarity of the outlets' profiles (1 identical, \u22121 opposite):</p>"
    )
    parts.append(_table(heads, rows))
    return "".join(parts) + blocks_html(comparison) + "</section>"


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


def _articles(
    comparison: Comparison,
    lexicon: Lexicon,
    scores: Sequence[ArticleView],
    styles: dict[str, tuple[str, str, str, str]],
    mark_neutral: bool = False,
) -> str:
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
        _legend(styles, present) if present else "",
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


def _stories(context: ReportContext, lexicon: Lexicon) -> str:
    """The "Same story, different words" section, when stories were matched."""
    if context.stories is None:
        return ""
    labels = {c.id: c.label for c in (*lexicon.concepts, *lexicon.frames)}
    return stories_html(context.stories, labels)


def _how_to_read(context: ReportContext) -> str:
    settings = context.settings
    return (
        '<section id="method"><h2>How to read this report</h2><ul>'
        "<li><strong>Word choice is evidence, not a verdict.</strong> A word counts wherever it "
        "appears, including inside a quotation, and a word can name something else. A title "
        "tied to a person counts only where that person is in scope (named beside it, in "
        "apposition, or the article's main subject); <code>term_hits.csv</code> lists the others "
        "with the reason. Read the marked articles before drawing a conclusion.</li>"
        "<li><strong>Stance per target.</strong> Connotation balance is computed for the words "
        "aimed at one target at a time, never added up across targets.</li>"
        "<li><strong>Shares, not counts.</strong> For each subject the tables show what share of "
        "an outlet's mentions use each word, so long and short articles compare fairly.</li>"
        "<li><strong>One article is not an outlet.</strong> With fewer than "
        f"{settings.min_articles} articles per outlet, figures describe those articles only.</li>"
        "<li><strong>Sentiment</strong> is VADER (Hutto &amp; Gilbert 2014), averaged over "
        "sentences because it saturates on long texts; it measures the tone of words.</li>"
        "<li><strong>Readability</strong>: Flesch (1948), Flesch-Kincaid (Kincaid et al. 1975), "
        "Gunning fog (1952), SMOG (McLaughlin 1969), Coleman-Liau (1975), Dale-Chall (1948), "
        "from one count of words, sentences and syllables; page furniture removed first.</li>"
        "<li><strong>Intervals</strong>: 95% percentile bootstrap over each outlet's articles "
        f"({settings.bootstrap_replicates} resamples, seed {settings.seed}).</li>"
        "<li><strong>Distinguishing terms</strong>: Monroe, Colaresi &amp; Quinn (2008); "
        "Benjamini &amp; Hochberg (1995).</li>"
        "<li><strong>Clusters</strong>: Ward clustering of standardized features, number chosen "
        "by silhouette (Rousseeuw 1987), stability by adjusted Rand index (Hubert &amp; Arabie "
        "1985), formed only when SigClust (Liu et al. 2008) finds any grouping at all.</li>"
        "<li><strong>Positions</strong>: Wordfish (Slapin &amp; Proksch 2008) on the words two "
        "or more outlets use, with parametric bootstrap intervals; the map of words is a "
        "correspondence analysis of the same counts. Every figure is in the CSV files beside "
        "this report; <code>README.txt</code> explains each column.</li></ul></section>"
    )


def _worksheet(comparison: Comparison, lexicon: Lexicon) -> str:
    questions = "".join(f"<li>{escape(q)}</li>" for q in worksheet_questions(comparison, lexicon))
    return (
        '<section id="worksheet" class="worksheet"><h2>Classroom worksheet</h2>'
        "<p>Name: ______________________ &nbsp; Date: ____________</p>"
        "<p>Use the tables and the marked articles above to answer.</p>"
        f"<ol>{questions}</ol></section>"
    )
