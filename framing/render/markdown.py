"""The side-by-side framing report as Markdown (``report.md``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from framing.compare.clusters import READABILITY_NAMES
from framing.compare.model import Comparison, VariantShare
from framing.lexicon.model import Lexicon
from framing.lexicon.topics import PackChoice
from framing.render.epithets_section import epithets_markdown, left_out_note
from framing.render.scaling_sections import blocks_markdown, scaling_markdown
from framing.render.scaling_sections import sentence as _sentence
from framing.render.stance import STANCE_EXPLANATION, stance_rows
from framing.render.stories_view import stories_markdown
from framing.render.text import (
    date_range,
    frame_cells,
    in_context,
    interval,
    markdown_code,
    markdown_text,
    number,
    signed,
)
from framing.settings import CompareSettings
from framing.stories.model import StoryComparison


@dataclass(frozen=True)
class ReportContext:
    """What the report says about the run besides the comparison itself."""

    articles: int
    skipped: int
    inputs: tuple[str, ...]
    settings: CompareSettings
    packs: PackChoice | None = None  # which packs the run used and why (None: not recorded)
    stories: StoryComparison | None = None  # the same events across outlets (None: not matched)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
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


def render_markdown(comparison: Comparison, lexicon: Lexicon, context: ReportContext) -> str:
    """The whole report; every figure comes from ``comparison`` and is in the CSV files."""
    settings = context.settings
    groups = comparison.groups
    by = comparison.by
    heads = [markdown_text(g) for g in groups]
    lines: list[str] = [
        f"# Framing report: {context.articles} articles, {len(groups)} {markdown_text(by)} groups",
        "",
    ]
    if comparison.caveats:
        lines += [f"> **Read this first.** {markdown_text(comparison.caveats[0])}", ""]

    lines += ["## What was compared", ""]
    dates = [d for p in comparison.profiles for d in (p.first_date, p.last_date) if d]
    lines += [
        f"- **Articles:** {context.articles} scored, {context.skipped} skipped "
        "(listed in `skipped.csv`).",
        f"- **Grouped by:** {markdown_text(by)}.",
        f"- **Dates:** {markdown_text(date_range(min(dates), max(dates)))}."
        if dates
        else "- **Dates:** not given.",
        "- **Inputs:** " + ", ".join(markdown_code(i) for i in context.inputs) + ".",
        "- **Lexicons:** "
        + "; ".join(
            f"{markdown_text(p.title)} ({markdown_code(p.name)}, version "
            f"{markdown_text(p.version)})"
            for p in lexicon.packs
        )
        + ".",
        "",
    ]
    lines += _table(
        [markdown_text(by), "articles", "words", "dates"],
        [
            [
                markdown_text(p.group),
                str(p.articles),
                str(p.words),
                markdown_text(date_range(p.first_date, p.last_date)) or "n/a",
            ]
            for p in comparison.profiles
        ],
    )
    lines.append("")
    lines += _packs_section(context.packs)

    lines += _concept_section(comparison, lexicon, heads, settings)
    lines += _frames_section(comparison, lexicon, heads)
    lines += _rates_section(comparison, lexicon, heads)
    lines += _actor_section(comparison, lexicon, heads)
    lines += _stance_section(comparison, lexicon, heads)
    lines += _tone_section(comparison, heads)
    lines += _terms_section(comparison, settings)
    lines += epithets_markdown(comparison)
    lines += _cluster_section(comparison)
    lines += blocks_markdown(comparison)
    lines += scaling_markdown(comparison)
    if context.stories is not None:
        labels = {c.id: c.label for c in (*lexicon.concepts, *lexicon.frames)}
        lines += stories_markdown(context.stories, labels)
    lines += ["## Caveats", ""]
    lines += [f"- {markdown_text(c)}" for c in comparison.caveats]
    lines += ["", *_methods(settings)]
    return "\n".join(lines).rstrip() + "\n"


def _packs_section(choice: PackChoice | None) -> list[str]:
    if choice is None:
        return []
    lines = ["### Which topic packs were used, and why", ""]
    lines += [markdown_text(choice.explanation()) + " `--pack` and `--no-pack` override it.", ""]
    lines += [f"- {markdown_text(line)}" for line in choice.report_lines()]
    if choice.lexicon.notices:
        lines += ["", "Where two packs list the same word, one entry counts:", ""]
        lines += [f"- {markdown_text(notice)}" for notice in choice.lexicon.notices]
    return [*lines, ""]


def _concept_section(
    comparison: Comparison, lexicon: Lexicon, heads: list[str], settings: CompareSettings
) -> list[str]:
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
    for concept in lexicon.concepts:
        used = [
            v for v in concept.variants
            if any(by_key.get((g, concept.id, v.term)) and by_key[(g, concept.id, v.term)].mentions
                   for g in comparison.groups)
        ]  # fmt: skip
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
        lines += _table(["variant", "connotation", *heads], rows)
        lines.append("")
    return lines


def _frames_section(comparison: Comparison, lexicon: Lexicon, heads: list[str]) -> list[str]:
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
    return lines + _table(["frame", *heads], rows) + [""]


def _rates_section(comparison: Comparison, lexicon: Lexicon, heads: list[str]) -> list[str]:
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
    return lines + _table(["concept", *heads], rows) + [""]


def _actor_section(comparison: Comparison, lexicon: Lexicon, heads: list[str]) -> list[str]:
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
    return lines + _table(["actor", *heads], rows) + [""]


def _stance_section(comparison: Comparison, lexicon: Lexicon, heads: list[str]) -> list[str]:
    rows = stance_rows(comparison, lexicon)
    lines = ["## Word choices toward each target", "", markdown_text(STANCE_EXPLANATION), ""]
    if not rows:
        return [*lines, "No word of the lexicons was counted.", ""]
    table = [[markdown_text(label), *cells] for _target, label, cells in rows]
    return lines + _table(["aimed at", *heads], table) + [""]


def _tone_section(comparison: Comparison, heads: list[str]) -> list[str]:
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
    return lines + _table(["measure", *heads], rows) + [""]


def _terms_section(comparison: Comparison, settings: CompareSettings) -> list[str]:
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
        lines += _table(
            ["term", "count", "per 1,000 terms (outlet vs rest)", "z", "significant", "in context"],
            rows,
        )
        lines.append("")
    return lines


def _cluster_section(comparison: Comparison) -> list[str]:
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
    return lines + _table(["", *heads], rows) + [""]


def _methods(settings: CompareSettings) -> list[str]:
    return [
        "## How every figure was computed",
        "",
        "- **Terms** are matched as whole words from the lexicons; hyphens and spaces are "
        "equal, plurals, possessives and curly quotes are handled, acronyms such as IS and US "
        "are case-sensitive, and each mention counts once for its longest variant. A title "
        "tied to a person (\u201cField Marshal\u201d) counts only where that person is in "
        "scope: the name right after it, in apposition, the nearest name in the sentence, or "
        "the article's main subject (`lexicons/README.md`). Every mention, counted or not, is a "
        "row of `term_hits.csv` with the reason; shares are in `concept_shares.csv`.",
        "- **Connotation balance**: (legitimizing \u2212 delegitimizing) / (their sum) over the "
        "words aimed at one target, never pooled over targets; words aimed at no named target "
        "form their own group. Rows: `connotation_balance.csv`, `connotation_shares.csv`.",
        "- **Sentiment**: VADER (Hutto & Gilbert 2014) scores each sentence from \u22121 to +1; "
        "an article's score is the mean over its sentences, because VADER saturates on long "
        "texts. Actor portrayal averages the sentences that mention the actor. Rows: "
        "`sentences.csv`, `actor_sentiment.csv`, `actor_portrayal.csv`.",
        "- **Readability**: Flesch reading ease (Flesch 1948), Flesch-Kincaid grade (Kincaid et "
        "al. 1975), Gunning fog (Gunning 1952), SMOG (McLaughlin 1969), Coleman-Liau (Coleman & "
        "Liau 1975) and Dale-Chall (Dale & Chall 1948), from one count of words, sentences, "
        "syllables and letters of the body after page furniture is removed "
        "(`removed_lines.csv`). Texts under 100 words get no value.",
        "- **Intervals**: 95% percentile bootstrap over each outlet's articles "
        f"({settings.bootstrap_replicates} resamples, seed {settings.seed}); none for an outlet "
        "with one article.",
        "- **Distinguishing terms**: log-odds ratio with an informative Dirichlet prior (the "
        "whole corpus's counts), z-scores, Benjamini-Hochberg correction (Monroe, Colaresi & "
        "Quinn 2008; Benjamini & Hochberg 1995). Rows: `distinguishing_terms.csv`.",
        "- **Clusters**: features standardized across outlets, each block weighted by "
        "1/\u221a(its size); Ward hierarchical clustering; the number of clusters by mean "
        "silhouette (Rousseeuw 1987) unless `--clusters` is given; stability as the mean "
        f"adjusted Rand index over {settings.stability_replicates} resamples; the map is the "
        "first two principal components. Rows: `clusters.csv`, `similarity.csv`, "
        "`cluster_fingerprints.csv`.",
        "- **Blocks and groups**: every block of features (terminology, connotation, frames, "
        "tone, actors, readability, vocabulary) is scaled to total variance 1 and weighted "
        "(`--features`); the vocabulary block is each outlet's log-odds z-score for every word "
        "shared by two or more outlets, kept to its principal components above noise (parallel "
        "analysis, Horn 1965). Clusters are formed only when a test finds any grouping at all "
        "(SigClust, Liu et al. 2008); otherwise the report says there are no clear groups. "
        "Rows: `feature_blocks.csv`.",
        "- **Positions**: Wordfish (Slapin & Proksch 2008) fitted by maximum a posteriori "
        "with priors N(0, 1) on positions and N(0, 3\u00b2) on word weights, intervals from a "
        f"parametric bootstrap ({settings.scaling_replicates} refits, seed {settings.seed}); "
        "the map is a correspondence analysis of the same counts (Greenacre 2017). Rows: "
        "`positions.csv`, `scaling_terms.csv`, `correspondence_map.csv`.",
        "- **Reproducing**: `manifest.json` lists the tool and library versions, the lexicon "
        "and input files with their SHA-256 hashes, and every parameter.",
        "",
    ]
