"""The report sections on feature blocks and on where outlets sit (Markdown and HTML).

They render :class:`~framing.compare.model.Clustering.blocks`, ``Comparison.scaling`` and
``Comparison.correspondence``; every figure is also in feature_blocks.csv, positions.csv,
scaling_terms.csv or correspondence_map.csv.
"""

from __future__ import annotations

from html import escape

from framing.compare.model import Comparison, Scaling, ScalingTerm
from framing.render import charts
from framing.render.text import NOT_AVAILABLE, markdown_text, number, percent, signed

SCALING_TITLE = "Where the outlets sit, and the words that put them there"
WORDS_PER_END = 10
STRIP_WIDTH = 41  # characters of the text chart's axis


def sentence(text: str) -> str:
    """``text`` with its first letter capitalized and the rest as it is (names keep theirs)."""
    return text[:1].upper() + text[1:]


def pulling_words(scaling: Scaling) -> tuple[list[ScalingTerm], list[ScalingTerm]]:
    """The words that pull hardest to the left and to the right (``terms`` is sorted by
    weight), each list strongest first; only words with a weight of that sign."""
    left = [t for t in scaling.terms[:WORDS_PER_END] if t.weight < 0]
    right = [t for t in reversed(scaling.terms[-WORDS_PER_END:]) if t.weight > 0]
    return left, right


def _separation(value: float | None) -> str:
    return NOT_AVAILABLE if value is None else percent(value)


def blocks_markdown(comparison: Comparison) -> list[str]:
    """How much each block of features counts in the clustering."""
    clustering = comparison.clustering
    if not clustering.blocks:
        return []
    lines = [
        "### What the grouping rests on",
        "",
        "Outlets are compared on blocks of features; each block is scaled to the same total "
        "variance and multiplied by its weight (set with `--features`, e.g. "
        "`--features vocabulary=2,readability=0`). *Share of separation* is the block's share "
        "of what sets the clusters apart (between-cluster sum of squares).",
        "",
        "| block | weight | features | share of separation | note |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {b.block} | {b.weight:g} | {b.features} | {_separation(b.separation)} | "
        f"{markdown_text(b.note)} |"
        for b in clustering.blocks
    ]
    test = clustering.grouping_test
    if test is not None and test.p_value is not None and test.statistic is not None:
        lines += [
            "",
            f"Test for any grouping (SigClust, Liu et al. 2008): cluster index "
            f"{test.statistic:.2f}, p = {test.p_value:.3f} over {test.simulations} samples "
            f"from one Gaussian cloud; {'clear groups' if test.clear else 'no clear groups'}.",
        ]
    return [*lines, ""]


def position_strip(scaling: Scaling) -> list[str]:
    """A text chart of the positions: one row per outlet, ``o`` at the position and ``-`` over
    its interval, on a common axis."""
    ordered = sorted(scaling.positions, key=lambda p: (p.position, p.group))
    low = min(min(p.lower for p in ordered), -1.0)
    high = max(max(p.upper for p in ordered), 1.0)

    def column(value: float) -> int:
        return round((value - low) / (high - low) * (STRIP_WIDTH - 1))

    width = max(len(p.group) for p in ordered)
    rows = []
    for p in ordered:
        cells = [" "] * STRIP_WIDTH
        for c in range(column(p.lower), column(p.upper) + 1):
            cells[c] = "-"
        cells[column(p.position)] = "o"
        rows.append(f"{p.group:<{width}}  |{''.join(cells)}|")
    axis = f"{number(low, 1)}".ljust(STRIP_WIDTH - 3) + f"{number(high, 1)}"
    return [*rows, f"{'':<{width}}   {axis}"]


def scaling_markdown(comparison: Comparison) -> list[str]:
    """The Wordfish positions, their words, and a pointer to the correspondence map."""
    scaling = comparison.scaling
    lines = [f"## {SCALING_TITLE}", ""]
    if not scaling.positions:
        return [*lines, f"Positions: {NOT_AVAILABLE} ({markdown_text(scaling.note)}).", ""]
    lines += [
        f"Wordfish (Slapin & Proksch 2008) places each {markdown_text(comparison.by)} on the one "
        f"dimension along which word use varies most, from {scaling.words} words used by two or "
        f"more of them ({scaling.tokens} occurrences). Positions have mean 0 and standard "
        "deviation 1; the bars are 95% intervals from a parametric bootstrap "
        f"({scaling.replicates} refits). Direction: {markdown_text(scaling.direction)}.",
        "",
        "```text",
        *position_strip(scaling),
        "```",
        "",
        "| " + markdown_text(comparison.by) + " | position | 95% interval |",
        "|---|---|---|",
    ]
    for p in sorted(scaling.positions, key=lambda p: (p.position, p.group)):
        lines.append(
            f"| {markdown_text(p.group)} | {signed(p.position)} | "
            f"{signed(p.lower)} to {signed(p.upper)} |"
        )
    left, right = pulling_words(scaling)
    lines += [
        "",
        "- **Words that pull to the left:** "
        + (", ".join(f"{markdown_text(t.term)} ({t.weight:+.2f})" for t in left) or "none")
        + ".",
        "- **Words that pull to the right:** "
        + (", ".join(f"{markdown_text(t.term)} ({t.weight:+.2f})" for t in right) or "none")
        + ".",
        "",
        "A position says which outlets use words alike, not what the dimension means or which "
        "outlet is right: read the words to name it, and expect it to pick up topic or house "
        "style as readily as framing. Rows: `positions.csv`, `scaling_terms.csv`.",
        "",
    ]
    ca = comparison.correspondence
    if ca.points:
        lines += [
            "The map of outlets and words by correspondence analysis (dimension 1: "
            f"{percent(ca.inertia[0])} of the inertia, dimension 2: {percent(ca.inertia[1])}) "
            "is in `report.html`; coordinates in `correspondence_map.csv`.",
            "",
        ]
    return lines


def blocks_html(comparison: Comparison) -> str:
    """The block table of the clusters section."""
    clustering = comparison.clustering
    if not clustering.blocks:
        return ""
    rows = "".join(
        f"<tr><td>{escape(b.block)}</td><td>{b.weight:g}</td><td>{b.features}</td>"
        f"<td>{_separation(b.separation)}</td><td>{escape(b.note)}</td></tr>"
        for b in clustering.blocks
    )
    test = clustering.grouping_test
    tested = ""
    if test is not None and test.p_value is not None and test.statistic is not None:
        tested = (
            f'<p class="note">Test for any grouping (SigClust, Liu et al. 2008): cluster index '
            f"{test.statistic:.2f}, p = {test.p_value:.3f} over {test.simulations} samples from "
            f"one Gaussian cloud; {'clear groups' if test.clear else 'no clear groups'}.</p>"
        )
    return (
        "<h3>What the grouping rests on</h3>"
        "<p>Each block is scaled to the same total variance and multiplied by its weight (set "
        "with <code>--features</code>). The share of separation is the block's part in what "
        "sets the clusters apart.</p>"
        '<div class="scroll"><table><thead><tr><th>block</th><th>weight</th><th>features</th>'
        "<th>share of separation</th><th>note</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>{tested}"
    )


def scaling_html(comparison: Comparison) -> str:
    """The section on Wordfish positions, their words and the correspondence map."""
    scaling = comparison.scaling
    parts = [f'<section id="scaling"><h2>{escape(SCALING_TITLE)}</h2>']
    if not scaling.positions:
        parts.append(f"<p>Positions: {NOT_AVAILABLE} ({escape(scaling.note)}).</p>")
    else:
        left, right = pulling_words(scaling)
        parts += [
            f"<p>Wordfish (Slapin &amp; Proksch 2008) places each outlet on the one dimension "
            f"along which word use varies most, from {scaling.words} words used by two or more "
            f"outlets. Positions have mean 0 and standard deviation 1; bars are 95% intervals "
            f"from a parametric bootstrap. Direction: {escape(scaling.direction)}.</p>",
            charts.scaling_chart(scaling, left, right),
            "<p><strong>Words that pull to the left:</strong> "
            + escape(", ".join(t.term for t in left) or "none")
            + ".<br><strong>Words that pull to the right:</strong> "
            + escape(", ".join(t.term for t in right) or "none")
            + ".</p>",
            '<p class="note">A position says which outlets use words alike, not what the '
            "dimension means or who is right: read the words to name it, and expect it to pick "
            "up topic or house style as readily as framing. The intervals assume word counts "
            "vary as a Poisson model says; real counts vary more, so read them as too narrow. "
            "Rows: positions.csv, scaling_terms.csv.</p>",
        ]
    ca = comparison.correspondence
    if ca.points:
        parts.append(
            "<figure>"
            + charts.correspondence_chart(ca)
            + "<figcaption>Correspondence analysis of word use: an outlet lies towards the words "
            "it uses more than the others; close outlets use words alike. Rows: "
            "correspondence_map.csv.</figcaption></figure>"
        )
    elif ca.note and scaling.positions:
        parts.append(f"<p>Map of words: {NOT_AVAILABLE} ({escape(ca.note)}).</p>")
    return "".join(parts) + "</section>"
