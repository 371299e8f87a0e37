"""The side-by-side framing report as Markdown (``report.md``)."""

from __future__ import annotations

from dataclasses import dataclass

from framing.compare.model import Comparison
from framing.lexicon.model import Lexicon
from framing.lexicon.topics import PackChoice
from framing.render.comparison_markdown import (
    actors_markdown,
    clusters_markdown,
    concepts_markdown,
    frames_markdown,
    markdown_table,
    rates_markdown,
    stance_markdown,
    terms_markdown,
    tone_markdown,
)
from framing.render.epithets_section import epithets_markdown
from framing.render.scaling_sections import blocks_markdown, scaling_markdown
from framing.render.stories_view import stories_markdown
from framing.render.text import date_range, markdown_code, markdown_text
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
    lines += markdown_table(
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

    lines += concepts_markdown(comparison, lexicon, heads, settings)
    lines += frames_markdown(comparison, lexicon, heads)
    lines += rates_markdown(comparison, lexicon, heads)
    lines += actors_markdown(comparison, lexicon, heads)
    lines += stance_markdown(comparison, lexicon, heads)
    lines += tone_markdown(comparison, heads)
    lines += terms_markdown(comparison, settings)
    lines += epithets_markdown(comparison)
    lines += clusters_markdown(comparison)
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
