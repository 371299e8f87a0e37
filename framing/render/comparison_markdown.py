"""The Markdown report's sections on the comparison of groups: what each calls things,
frames, how often each subject comes up, actors, stance, readability and tone, distinguishing
terms and clusters. Each renders a part of :class:`~framing.compare.model.Comparison` and
computes nothing new; the same figures are in the CSV files beside the report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from framing.compare.clusters import READABILITY_NAMES
from framing.compare.model import Comparison, VariantShare
from framing.lexicon.model import Lexicon
from framing.render.epithets_section import left_out_note
from framing.render.scaling_sections import sentence as _sentence
from framing.render.stance import STANCE_EXPLANATION, stance_rows
from framing.render.text import frame_cells, in_context, interval, markdown_text, number, signed
from framing.settings import CompareSettings


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table's lines from already-escaped cells."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def share_cell(share: VariantShare | None, concept_mentions: int, min_mentions: int) -> str:
    """``67% (2 of 3)`` with an interval when one exists; ``—`` when the group never mentions
    the concept; a * when the concept has fewer than ``min_mentions`` mentions."""
    if concept_mentions == 0 or share is None:
        return "\u2014"
    mark = "*" if concept_mentions < min_mentions else ""
    if not share.mentions:
        return f"0 of {concept_mentions}{mark}".replace("*", "\\*")
    shown = interval(share.share, "percent")
    return f"{shown} ({share.mentions} of {concept_mentions}){mark}".replace("*", "\\*")


def concepts_markdown(
    comparison: Comparison, lexicon: Lexicon, heads: list[str], settings: CompareSettings
) -> list[str]:
    """The "What each outlet calls things" section: per subject, each group's share of its
    mentions that use each word (see :func:`share_cell`)."""
    lines = [
        "## How each outlet names things",
        "",
        "Each table is one concept. A cell is the share of that outlet's mentions of the concept "
        "that use the variant, with the count (\u2014: the outlet never mentions the concept). "
        "Brackets give a 95% bootstrap interval when the outlet has two or more articles.",
        "",
    ]
    by_key = {(s.group, s.concept, s.variant): s for s in comparison.variant_shares}
    totals: dict[tuple[str, str], int] = {
        (s.group, s.concept): s.concept_mentions for s in comparison.variant_shares
    }
    groups = set(comparison.groups)
    # The variants some group uses: one pass over the shares, not one lookup per group each.
    mentioned = {
        (concept, variant)
        for (group, concept, variant), share in by_key.items()
        if share.mentions and group in groups
    }
    for concept in lexicon.concepts:
        used = [v for v in concept.variants if (concept.id, v.term) in mentioned]
        if not used:
            continue
        lines += [f"### {markdown_text(concept.label)}", "", markdown_text(concept.note), ""]
        rows = []
        for variant in used:
            rows.append(
                [f"**{markdown_text(variant.term)}**", markdown_text(variant.connotation)]
                + [
                    share_cell(
                        by_key.get((g, concept.id, variant.term)),
                        totals.get((g, concept.id), 0),
                        settings.min_mentions,
                    )
                    for g in comparison.groups
                ]
            )
        lines += markdown_table(["variant", "connotation", *heads], rows)
        lines.append("")
    return lines


def frames_markdown(comparison: Comparison, lexicon: Lexicon, heads: list[str]) -> list[str]:
    """The frames section: each group's share of frame cue words per dimension of the Policy
    Frames Codebook (Boydstun et al. 2014); empty when the lexicons define no frames."""
    if not comparison.frames:
        return []
    totals = {g: sum(f.cues for f in comparison.frames if f.group == g) for g in comparison.groups}
    rows = [
        [markdown_text(frame.label), *cells] for frame, cells in frame_cells(comparison, lexicon)
    ]
    rows.append(["all frame cues", *(str(totals[g]) for g in comparison.groups)])
    lines = [
        "## Which frames each outlet uses",
        "",
        "The share of each outlet's frame cue words that belong to each dimension of the Policy "
        "Frames Codebook (Boydstun et al. 2014), with the count: an economic frame talks of "
        "costs and jobs, a security frame of threats and troops. Cue counting is a rough proxy "
        "for a human coder's judgement.",
        "",
    ]
    return lines + markdown_table(["frame", *heads], rows) + [""]


def rates_markdown(comparison: Comparison, lexicon: Lexicon, heads: list[str]) -> list[str]:
    """The section on how often each group brings each subject up, per 1,000 words."""
    rates = {(r.group, r.concept): r for r in comparison.concept_rates}
    rows = []
    for concept in lexicon.concepts:
        cells = [rates.get((g, concept.id)) for g in comparison.groups]
        if not any(cell is not None and cell.mentions for cell in cells):
            continue
        rows.append(
            [markdown_text(concept.label)]
            + [
                f"{number(cell.per_1000_words)} ({cell.mentions})" if cell is not None else "\u2014"
                for cell in cells
            ]
        )
    lines = [
        "## How often each outlet brings each subject up",
        "",
        "Mentions of the concept per 1,000 words, with the count. An outlet that rarely "
        "mentions a subject has few words to choose between, so read its shares above with care.",
        "",
    ]
    return lines + markdown_table(["concept", *heads], rows) + [""]


def actors_markdown(comparison: Comparison, lexicon: Lexicon, heads: list[str]) -> list[str]:
    """The actors section: each group's tone toward each actor (VADER compound, -1 to +1;
    Hutto & Gilbert 2014)."""
    labels = {a.id: a.label for a in lexicon.actors}
    cells: dict[str, dict[str, str]] = defaultdict(dict)
    for portrayal in comparison.actors:
        cells[portrayal.actor][portrayal.group] = (
            f"{interval(portrayal.compound, 'signed', 2)} ({portrayal.sentences})"
        )
    lines = [
        "## How each outlet portrays the actors",
        "",
        "Tone toward the actor (\u22121 most negative, +1 most positive), with the number of "
        "sentences that name it. Only the words tied to the actor count: its clause, the words "
        'beside its name ("X, the brutal commander"), praise or blame aimed at it ("critics '
        'condemned X"); words nearer another actor, what the actor itself says, and harm done '
        "to it do not. It is VADER's word list read this way, not a reading of the article: "
        "check the sentences before drawing conclusions.",
        "",
    ]
    rows = [
        [markdown_text(labels.get(actor, actor))]
        + [cells[actor].get(g, "\u2014") for g in comparison.groups]
        for actor in (a.id for a in lexicon.actors)
        if actor in cells
    ]
    if not rows:
        return [*lines, "No named actor of the lexicons is mentioned.", ""]
    return lines + markdown_table(["actor", *heads], rows) + [""]


def stance_markdown(comparison: Comparison, lexicon: Lexicon, heads: list[str]) -> list[str]:
    """The stance section: each group's connotation balance toward each target."""
    rows = stance_rows(comparison, lexicon)
    lines = ["## Word choices toward each target", "", markdown_text(STANCE_EXPLANATION), ""]
    if not rows:
        return [*lines, "No word of the lexicons was counted.", ""]
    table = [[markdown_text(label), *cells] for _target, label, cells in rows]
    return lines + markdown_table(["aimed at", *heads], table) + [""]


def tone_markdown(comparison: Comparison, heads: list[str]) -> list[str]:
    """The readability and tone section: each formula's mean per group, sentiment and the
    share of negative sentences."""
    lines = [
        "## Tone, word choice and readability",
        "",
        "Sentiment is the mean of the articles' mean sentence compounds; negative sentences have "
        "a compound of \u22120.05 or lower. Grade levels are US school "
        "years: about 12 means a final-year secondary-school reader; Flesch reading ease runs "
        "from about 0 (very hard) to 100 (very easy).",
        "",
    ]
    profiles = comparison.profiles
    rows: list[list[str]] = [
        ["sentiment (mean compound)", *(interval(p.sentiment_mean, "signed", 2) for p in profiles)],
        ["negative sentences", *(interval(p.negative_share, "percent") for p in profiles)],
        ["positive sentences", *(interval(p.positive_share, "percent") for p in profiles)],
    ]
    for index, (formula, _estimate) in enumerate(comparison.profiles[0].readability):
        rows.append(
            [READABILITY_NAMES[formula]]
            + [interval(p.readability[index][1]) for p in comparison.profiles]
        )
    return lines + markdown_table(["measure", *heads], rows) + [""]


def terms_markdown(comparison: Comparison, settings: CompareSettings) -> list[str]:
    """The distinguishing terms section: per group, the log-odds z-scores with an informative
    Dirichlet prior (Monroe, Colaresi & Quinn 2008) and the terms in context."""
    lines = [
        "## Words that set each outlet apart",
        "",
        "Words and phrases each outlet uses more than the others together: the log-odds ratio "
        "with an informative Dirichlet prior, as a z-score (Monroe, Colaresi & Quinn 2008). A "
        f"term is tested only when it occurs at least {settings.min_term_count} times in at "
        f"least {settings.min_term_articles} of the outlet's articles, and significance is "
        f"judged after a Benjamini-Hochberg correction (false-discovery rate "
        f"{settings.alpha:g}). Untested terms describe these articles only. "
        + markdown_text(left_out_note(comparison)),
        "",
    ]
    for group in comparison.groups:
        terms = [t for t in comparison.distinguishing if t.group == group]
        lines += [f"### {markdown_text(group)}", ""]
        if not terms:
            lines += ["No term stands out.", ""]
            continue
        rows = [
            [
                f"**{markdown_text(t.term)}**"
                + (f" (also: {markdown_text(', '.join(t.related))})" if t.related else ""),
                str(t.count),
                f"{t.per_1000:.1f} vs {t.per_1000_rest:.1f}",
                f"{t.z:.2f}",
                ("yes" if t.significant else "no") if t.tested else "not tested",
                " / ".join(markdown_text(in_context(e)) for e in t.examples),
            ]
            for t in terms
        ]
        lines += markdown_table(
            ["term", "count", "per 1,000 terms (outlet vs rest)", "z", "significant", "in context"],
            rows,
        )
        lines.append("")
    return lines


def clusters_markdown(comparison: Comparison) -> list[str]:
    """The clusters section: which groups frame alike, what sets each cluster apart, its
    stability and the groups' cosine similarities."""
    clustering = comparison.clustering
    lines = ["## Which outlets frame alike", ""]
    if not clustering.labels:
        return [*lines, markdown_text(_sentence(clustering.chosen_by)) + ".", ""]
    how = (
        "the number of clusters was given"
        if clustering.chosen_by == "given"
        else "the number of clusters with the best mean silhouette was chosen ("
        + ", ".join(f"k={k}: {s:.2f}" for k, s in clustering.silhouette)
        + ")"
    )
    lines += [
        f"Outlets were grouped by Ward clustering of {len(clustering.features)} standardized "
        f"features in blocks (see what the grouping rests on, below); {how}.",
        "",
    ]
    if clustering.note:
        lines += [f"**Note.** {markdown_text(clustering.note)}", ""]
    for cluster in range(1, clustering.clusters + 1):
        members = [
            g for g, c in zip(clustering.groups, clustering.labels, strict=True) if c == cluster
        ]
        lines.append(f"- **Cluster {cluster}:** {', '.join(markdown_text(m) for m in members)}.")
        drivers = [f for f in clustering.fingerprints if f.cluster == cluster]
        if drivers:
            described = "; ".join(
                f"{markdown_text(f.feature)} {'higher' if f.z_difference > 0 else 'lower'} "
                f"({number(f.cluster_mean, 2)} vs {number(f.overall_mean, 2)} overall)"
                for f in drivers
            )
            lines.append(f"  What sets it apart: {described}.")
    stability = clustering.stability
    lines += [
        "",
        "**Stability** (mean adjusted Rand index of clusterings of resampled articles; 1 is "
        "perfectly stable): "
        + (
            interval(stability, "number", 2)
            if stability.value is not None
            else markdown_text(stability.note)
        )
        + ".",
        "",
        "Cosine similarity of the outlets' standardized features (1: identical profile, "
        "\u22121: opposite):",
        "",
    ]
    heads = [markdown_text(g) for g in clustering.groups]
    rows = [
        [markdown_text(g)] + [signed(v) for v in row]
        for g, row in zip(clustering.groups, clustering.similarity, strict=True)
    ]
    return lines + markdown_table(["", *heads], rows) + [""]
