"""Terminal tables with tabulate: one row per article, missing values shown as n/a."""

from __future__ import annotations

import textwrap

from tabulate import tabulate

from framing.compare.model import Comparison
from framing.corpus.readers import CorpusReader
from framing.lexicon.model import Lexicon
from framing.model import ArticleScore, Corpus, ScoredCorpus
from framing.render.stance import stance_rows
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


def _label(text: str, width: int) -> str:
    """A row label on one line, or, when longer than ``width``, wrapped with its further lines
    indented so they cannot be read as rows of their own."""
    if len(text) <= width:
        return text
    return textwrap.fill(text, width, subsequent_indent="  ", break_on_hyphens=False)


def _group_head(name: str, cells: list[str]) -> str:
    """A group's column heading, wrapped onto several lines when it is much wider than the
    column's cells, so that more groups fit side by side. Words are never cut, except a long
    web address before its last dot (``criminalwatch`` / ``.com``)."""
    widest = max([len(cell) for cell in cells] + [12])
    if len(name) <= widest:
        return name
    pieces: list[str] = []
    for word in name.split():
        cut = word.rfind(".")
        if len(word) > widest and cut > 0:
            pieces += [word[:cut], word[cut:]]
        else:
            pieces.append(word)
    lines: list[str] = []
    for piece in pieces:
        joined = (lines[-1] if lines else "") + ("" if piece.startswith(".") else " ") + piece
        if lines and len(joined) <= widest:
            lines[-1] = joined
        else:
            lines.append(piece)
    return "\n".join(lines)


def _fit(header: list[str], rows: list[list[str]], fixed: int, width: int) -> str:
    """A tabulate table of ``fixed`` leading columns plus the group columns, split into
    several tables of as equal a number of groups as possible when they do not all fit in
    ``width`` characters.

    Row labels stay on one line unless wrapping them (with further lines indented) saves a
    table or avoids one with a single group; of the layouts with fewest tables, one without a
    lone group and with the widest labels wins."""
    longest = max([len(row[0]) for row in rows] + [len(header[0])])
    candidates = sorted({longest, *(w for w in (max(20, width // 3), 20) if w < longest)})
    best: tuple[tuple[int, bool, int], list[str]] | None = None
    for label_width in reversed(candidates):
        texts = _split(header, rows, fixed, width, label_width)
        lone = len(header) > fixed + 1 and any(_groups(text, fixed) == 1 for text in texts)
        key = (len(texts), lone, -label_width)
        if best is None or key < best[0]:
            best = (key, texts)
    return "\n\n".join(best[1]) if best else ""


def _groups(text: str, fixed: int) -> int:
    """The number of group columns of a tabulate table (from its rule line)."""
    rule = next(line for line in text.splitlines() if line.startswith("-"))
    return len(rule.split()) - fixed


def _split(
    header: list[str], rows: list[list[str]], fixed: int, width: int, label_width: int
) -> list[str]:
    groups = len(header) - fixed
    rows = [[_label(terminal_cell(row[0]), label_width), *map(terminal_cell, row[1:])]
            for row in rows]  # fmt: skip
    header = [terminal_cell(cell) for cell in header]
    heads = header[:fixed] + [
        _group_head(header[c], [row[c] for row in rows]) for c in range(fixed, len(header))
    ]

    def table(columns: list[int]) -> str:
        columns = list(range(fixed)) + columns
        return tabulate(
            [[row[c] for c in columns] for row in rows],
            headers=[heads[c] for c in columns],
            tablefmt="simple",
            disable_numparse=True,
        )

    group_columns = list(range(fixed, len(header)))
    texts: list[str] = []
    for most in range(groups, 0, -1):
        chunks = -(-groups // most)
        base, extra = divmod(groups, chunks)
        sizes = [base + 1 if index < extra else base for index in range(chunks)]
        starts = [sum(sizes[:index]) for index in range(chunks)]
        texts = [
            table(group_columns[start : start + size])
            for start, size in zip(starts, sizes, strict=True)
        ]
        if all(max(len(line) for line in text.splitlines()) <= width for text in texts):
            break
    return texts


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
        parts.append("TONE TOWARD EACH ACTOR (words tied to the actor, -1 to +1, and sentences)")
        parts.append(_fit(["actor", *groups], rows, 1, width))
    stance = [[label, *cells] for _target, label, cells in stance_rows(comparison, lexicon)]
    if stance:
        parts.append(
            textwrap.fill(
                "WORDS AIMED AT EACH TARGET (connotation balance -1 to +1; legitimizing:"
                "delegitimizing of all words aimed at it; never pooled over targets)",
                width,
            )
        )
        parts.append(_fit(["aimed at", *groups], stance, 1, width))
    profiles = comparison.profiles
    tone = [
        ["sentiment", *(interval(p.sentiment_mean, "signed", 2) for p in profiles)],
        ["negative sentences", *(interval(p.negative_share, "percent") for p in profiles)],
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
        parts.append(textwrap.fill(f"CLUSTERS: {clustering.chosen_by}", width))
    parts.append(_positions_text(comparison, width))
    return "\n\n".join(parts) + "\n"


def _positions_text(comparison: Comparison, width: int) -> str:
    scaling = comparison.scaling
    if not scaling.positions:
        return textwrap.fill(f"POSITIONS (Wordfish): n/a ({scaling.note})", width)
    placed = sorted(scaling.positions, key=lambda p: (p.position, p.group))
    listed = ", ".join(f"{p.group} {p.position:+.2f}" for p in placed)
    left = ", ".join(t.term for t in scaling.terms[:5] if t.weight < 0)
    right = ", ".join(t.term for t in reversed(scaling.terms[-5:]) if t.weight > 0)
    lines = [
        "POSITIONS (Wordfish, left to right)",
        textwrap.fill(listed, width, subsequent_indent="  "),
        textwrap.fill(
            f"pulling left: {left or 'none'}; pulling right: {right or 'none'}",
            width,
            subsequent_indent="  ",
        ),
    ]
    return "\n".join(lines)
