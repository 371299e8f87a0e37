"""Terminal tables with tabulate: one row per article, missing values shown as n/a."""

from __future__ import annotations

import textwrap

from tabulate import tabulate

from framing.compare.model import Comparison
from framing.corpus.readers import CorpusReader
from framing.lexicon.model import Lexicon
from framing.model import ArticleScore, Corpus, ScoredCorpus
from framing.render.text import frame_cells, interval, terminal_cell, terminal_line
from framing.settings import CompareSettings

_TITLE_WIDTH = 38
MIN_MENTIONS_SHOWN = CompareSettings.min_mentions


def _number(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _key_terms(score: ArticleScore, concepts: frozenset[str] | None, limit: int = 4) -> str:
    seen: dict[str, None] = {}
    for hit in score.terms:
        if concepts is None or hit.concept in concepts:
            seen.setdefault(hit.variant, None)
    terms = list(seen)
    more = f" +{len(terms) - limit}" if len(terms) > limit else ""
    return ", ".join(terms[:limit]) + more


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def articles_table(result: ScoredCorpus, key_concepts: frozenset[str] | None = None) -> str:
    """One row per article: outlet, size, sentiment, two readability figures, and the first
    distinct variants found of ``key_concepts`` (all concepts when ``None``)."""
    rows = [
        [
            terminal_cell(score.article.id),
            terminal_cell(score.article.outlet),
            _shorten(terminal_cell(score.article.title), _TITLE_WIDTH),
            score.readability.words,
            _number(score.sentiment.compound_mean, 3),
            _number(score.readability.flesch_reading_ease),
            _number(score.readability.flesch_kincaid_grade),
            terminal_cell(_key_terms(score, key_concepts)),
        ]
        for score in result.scores
    ]
    header = ["id", "outlet", "title", "words", "sentiment", "reading ease", "grade", "key terms"]
    return tabulate(rows, headers=header, tablefmt="simple", disable_numparse=True)


def skipped_lines(result: ScoredCorpus | Corpus | CorpusReader) -> list[str]:
    """One line per skipped input: where, and why."""
    lines = []
    for skipped in result.skipped:
        where = skipped.source_path
        if skipped.source_line is not None:
            where += f":{skipped.source_line}"
        lines.append(terminal_line(f"skipped {where}: {skipped.reason}"))
    return lines


def _fit(header: list[str], rows: list[list[str]], fixed: int, width: int) -> str:
    """A tabulate table, split into several tables side by side of ``fixed`` leading columns
    plus as many group columns as fit in ``width`` characters."""
    groups = len(header) - fixed
    label_width = max(12, width // (2 * fixed + 2))
    chunks: list[str] = []
    start = 0
    while start < groups:
        size = groups - start
        while True:
            columns = list(range(fixed)) + list(range(fixed + start, fixed + start + size))
            text = tabulate(
                [[terminal_cell(row[c]) for c in columns] for row in rows],
                headers=[terminal_cell(header[c]) for c in columns],
                tablefmt="simple",
                disable_numparse=True,
                # A long first label wraps so that at least one group column fits beside it.
                maxcolwidths=[label_width] + [None] * (fixed - 1 + size),
            )
            if size == 1 or max(len(line) for line in text.splitlines()) <= width:
                break
            size -= 1
        chunks.append(text)
        start += size
    return "\n\n".join(chunks)


def comparison_text(comparison: Comparison, lexicon: Lexicon, width: int) -> str:
    """The side-by-side tables of ``framing compare`` for a terminal ``width`` wide."""
    groups = list(comparison.groups)
    parts: list[str] = []
    if comparison.caveats:
        parts.append(textwrap.fill("Read this first: " + comparison.caveats[0], width))
        parts.append(
            textwrap.fill(
                f"Cells: share of the outlet's mentions of the subject, count/total; "
                f"* fewer than {MIN_MENTIONS_SHOWN} mentions; - never mentioned.",
                width,
            )
        )
    by_key = {(s.group, s.concept, s.variant): s for s in comparison.variant_shares}
    totals = {(s.group, s.concept): s.concept_mentions for s in comparison.variant_shares}
    for concept in lexicon.concepts:
        rows = []
        for variant in concept.variants:
            cells = []
            for group in groups:
                share = by_key.get((group, concept.id, variant.term))
                total = totals.get((group, concept.id), 0)
                star = "*" if total and total < MIN_MENTIONS_SHOWN else ""
                if not total or share is None:
                    cells.append("-")
                elif not share.mentions:
                    cells.append(f"0/{total}{star}")
                else:
                    shown = interval(share.share, "percent")
                    cells.append(f"{shown} {share.mentions}/{total}{star}")
            if any(cell != "-" and not cell.startswith("0/") for cell in cells):
                rows.append([variant.term, variant.connotation, *cells])
        if rows:
            parts.append(concept.label.upper())
            parts.append(_fit(["variant", "connotation", *groups], rows, 2, width))
    frame_rows = [[frame.label, *cells] for frame, cells in frame_cells(comparison, lexicon)]
    if frame_rows:
        parts.append("FRAMES (share of frame cue words, and count)")
        parts.append(_fit(["frame", *groups], frame_rows, 1, width))
    actor_labels = {a.id: a.label for a in lexicon.actors}
    actor_cells: dict[str, dict[str, str]] = {}
    for portrayal in comparison.actors:
        actor_cells.setdefault(portrayal.actor, {})[portrayal.group] = (
            f"{interval(portrayal.compound, 'signed', 2)} ({portrayal.sentences})"
        )
    if actor_cells:
        rows = [
            [actor_labels.get(actor, actor), *(cells.get(g, "-") for g in groups)]
            for actor, cells in actor_cells.items()
        ]
        parts.append("ACTOR PORTRAYAL (mean sentence sentiment, -1 to +1, and sentences)")
        parts.append(_fit(["actor", *groups], rows, 1, width))
    profiles = comparison.profiles
    tone = [
        ["sentiment", *(interval(p.sentiment_mean, "signed", 2) for p in profiles)],
        ["negative sentences", *(interval(p.negative_share, "percent") for p in profiles)],
        ["connotation balance", *(interval(p.connotation_balance, "signed", 2) for p in profiles)],
        [
            "Flesch-Kincaid grade",
            *(interval(dict(p.readability)["flesch_kincaid_grade"]) for p in profiles),
        ],
        ["reading ease", *(interval(dict(p.readability)["flesch_reading_ease"]) for p in profiles)],
    ]
    parts.append("TONE AND READABILITY")
    parts.append(_fit(["measure", *groups], tone, 1, width))
    parts.append("DISTINGUISHING TERMS (z-score; * significant after correction)")
    for group in groups:
        terms = [t for t in comparison.distinguishing if t.group == group]
        listed = ", ".join(f"{t.term} ({t.z:.1f}{'*' if t.significant else ''})" for t in terms)
        parts.append(textwrap.fill(f"{group}: {listed or 'none'}", width, subsequent_indent="  "))
    clustering = comparison.clustering
    if clustering.labels:
        members = [
            f"{cluster}: "
            + ", ".join(
                g for g, c in zip(clustering.groups, clustering.labels, strict=True) if c == cluster
            )
            for cluster in range(1, clustering.clusters + 1)
        ]
        parts.append(f"CLUSTERS (chosen by {clustering.chosen_by})")
        parts.extend(textwrap.fill(m, width, subsequent_indent="  ") for m in members)
    else:
        parts.append(f"CLUSTERS: {clustering.chosen_by}")
    return "\n\n".join(parts) + "\n"
