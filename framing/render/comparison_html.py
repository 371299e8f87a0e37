"""The HTML report's sections on the comparison of outlets: what each calls things, frames,
how often each subject comes up, actors, stance, readability and tone, distinguishing terms and
clusters. Each renders a part of :class:`~framing.compare.model.Comparison` and computes
nothing new; the same figures are in the CSV files beside the report."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from framing.compare.clusters import READABILITY_NAMES
from framing.compare.model import Comparison
from framing.lexicon.model import Lexicon
from framing.render import charts
from framing.render.epithets_section import left_out_note
from framing.render.html_blocks import figure, legend, table
from framing.render.scaling_sections import blocks_html
from framing.render.scaling_sections import sentence as _sentence
from framing.render.stance import STANCE_EXPLANATION, stance_rows
from framing.render.text import frame_cells, in_context, interval, number, signed
from framing.settings import CompareSettings


def concepts_html(
    comparison: Comparison,
    lexicon: Lexicon,
    styles: dict[str, tuple[str, str, str, str]],
    settings: CompareSettings,
) -> str:
    """The "What each outlet calls things" section: per subject, each outlet's share of its
    mentions that use each word, with the count and a 95% interval."""
    by_key = {(s.group, s.concept, s.variant): s for s in comparison.variant_shares}
    totals = {(s.group, s.concept): s.concept_mentions for s in comparison.variant_shares}
    parts = [
        '<section id="concepts"><h2>What each outlet calls things</h2>',
        '<p class="note">One table per subject. Each cell is the share of that outlet\'s mentions '
        "of the subject that use the word in the row, with the count; \u2014 means the outlet "
        "never mentions the subject. Brackets give a 95% interval when an outlet has two or more "
        f"articles. A * marks a share based on fewer than {settings.min_mentions} mentions.</p>",
        legend(styles, {s.connotation for s in comparison.variant_shares if s.mentions}),
    ]
    groups = set(comparison.groups)
    # The variants some group uses: one pass over the shares, not one lookup per group each.
    mentioned = {
        (concept, variant)
        for (group, concept, variant), share in by_key.items()
        if share.mentions and group in groups
    }
    heads = ["word", "connotation", *(escape(g) for g in comparison.groups)]
    for concept in lexicon.concepts:
        used = [v for v in concept.variants if (concept.id, v.term) in mentioned]
        if not used:
            continue
        rows = []
        # Each group's mentions of the concept, looked up once for all its variants.
        concept_totals = [totals.get((group, concept.id), 0) for group in comparison.groups]
        stars = ["*" if total and total < settings.min_mentions else "" for total in concept_totals]
        for variant in used:
            css = styles[variant.connotation][0]
            cells = [
                f'<mark class="{css}" title="{escape(variant.note)}">{escape(variant.term)}</mark>',
                escape(variant.connotation),
            ]
            for group, total, star in zip(comparison.groups, concept_totals, stars, strict=True):
                share = by_key.get((group, concept.id, variant.term))
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
        parts.append(table(heads, rows, "concept"))
    parts.append("</section>")
    return "".join(parts)


def frames_html(comparison: Comparison, lexicon: Lexicon) -> str:
    """The frames section: each outlet's share of frame cue words per dimension of the Policy
    Frames Codebook (Boydstun et al. 2014); empty when the lexicons define no frames."""
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
        + table(["frame", *(escape(g) for g in comparison.groups)], rows)
        + "</section>"
    )


def rates_html(comparison: Comparison, lexicon: Lexicon) -> str:
    """The section on how often each outlet brings each subject up, per 1,000 words."""
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
        + table(["subject", *(escape(g) for g in comparison.groups)], rows)
        + "</section>"
    )


def actors_html(comparison: Comparison, lexicon: Lexicon) -> str:
    """The actors section: each outlet's tone toward each actor (VADER compound, -1 to +1;
    Hutto & Gilbert 2014) with its chart."""
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
    chart = figure(
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
        + table(["actor", *(escape(g) for g in comparison.groups)], rows)
        + "</section>"
    )


def stance_html(comparison: Comparison, lexicon: Lexicon) -> str:
    """The stance section: each outlet's connotation balance toward each target, with its chart."""
    rows = [
        [escape(label), *(escape(cell) for cell in cells)]
        for _target, label, cells in stance_rows(comparison, lexicon)
    ]
    chart = ""
    if any(s.balance.value is not None for s in comparison.stances):
        chart = figure(
            charts.stance_chart(comparison, lexicon),
            "Each marker is one outlet's connotation balance toward one target; lines show 95% "
            "intervals where an outlet has two or more articles.",
        )
    body = (
        chart + table(["aimed at", *(escape(g) for g in comparison.groups)], rows)
        if rows
        else "<p>No word of the lexicons was counted.</p>"
    )
    return (
        '<section id="stance"><h2>Word choices toward each target</h2>'
        f'<p class="note">{escape(STANCE_EXPLANATION)}</p>' + body + "</section>"
    )


def readability_html(comparison: Comparison) -> str:
    """The readability and tone section: each formula's mean per outlet, sentiment and the
    share of negative sentences, with the Flesch-Kincaid chart."""
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
        + figure(
            charts.readability_chart(comparison),
            "Flesch-Kincaid grade: the US school year a reader needs. About 8 is a general "
            "newspaper; 12 is the last year of secondary school; above 16 is postgraduate prose.",
        )
        + '<p class="note">Flesch reading ease runs from about 0 (very hard; dense text can go '
        "below 0) to 100 (very easy). All formulas count sentence and word length, not ideas.</p>"
        + table(["measure", *(escape(g) for g in comparison.groups)], rows)
        + "</section>"
    )


def terms_html(comparison: Comparison) -> str:
    """The distinguishing terms section: per outlet, the log-odds z-scores with an informative
    Dirichlet prior (Monroe, Colaresi & Quinn 2008) and the terms in context."""
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
        parts.append(table(["term", "count", "z", "significant", "in context"], rows))
    parts.append("</section>")
    return "".join(parts)


def clusters_html(comparison: Comparison) -> str:
    """The clusters section: which outlets frame alike, what sets each cluster apart, its
    stability, the dendrogram, the map and the outlets' cosine similarities."""
    clustering = comparison.clustering
    parts = ['<section id="clusters"><h2>Which outlets frame alike</h2>']
    if not clustering.labels:
        parts.append(f"<p>{escape(_sentence(clustering.chosen_by))}.</p>")
        if clustering.map_coordinates and len(clustering.groups) >= 2:
            parts.append(
                figure(
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
        figure(
            charts.dendrogram_chart(clustering),
            "Outlets that join low in the tree have "
            "similar profiles; the branch lengths are Ward distances.",
        ),
        figure(
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
    parts.append(table(heads, rows))
    return "".join(parts) + blocks_html(comparison) + "</section>"
