"""Charts for the HTML report as inline SVG, drawn with matplotlib.

Text stays text (``svg.fonttype: none``) so charts are small, searchable and read by screen
readers; ids are salted with a constant and the date is left out so the same input gives the
same bytes. Every series has both a colour from the Okabe-Ito palette (safe for colour-blind
readers) and a marker shape, so colour is never the only cue.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from framing.compare.model import (
    Clustering,
    Comparison,
    CorrespondenceMap,
    Estimate,
    Scaling,
    ScalingTerm,
)
from framing.compare.stance import UNTARGETED, target_label
from framing.lexicon.model import Lexicon

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Okabe & Ito (2008), "Color Universal Design".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000",
           "#F0E442")  # fmt: skip
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<")
_STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "framing",
    "text.parse_math": False,
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@contextmanager
def _figure(width: float, height: float) -> Iterator[tuple[Figure, Axes]]:
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_STYLE):  # type: ignore[arg-type]
        figure = Figure(figsize=(width, height), layout="constrained")
        yield figure, figure.subplots()


def _svg(figure: Figure, label: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    # Scale with the page instead of a fixed size in points, so narrow screens never scroll.
    text = re.sub(r'<svg([^>]*?) width="[^"]+" height="[^"]+"', r"<svg\1", text, count=1)
    return text.replace(
        "<svg", f'<svg role="img" aria-label="{_attribute(label)}" class="chart"', 1
    )


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _style(index: int) -> tuple[str, str]:
    return PALETTE[index % len(PALETTE)], MARKERS[index % len(MARKERS)]


def _errors(estimates: Sequence[Estimate]) -> tuple[list[float], list[float]]:
    """Error-bar lengths below and above each value. A percentile bootstrap interval need not
    contain the estimate; the bar then stops at the value on that side (the CSVs keep the
    interval as computed)."""
    low = [
        max(0.0, e.value - e.low) if e.value is not None and e.low is not None else 0.0
        for e in estimates
    ]
    high = [
        max(0.0, e.high - e.value) if e.value is not None and e.high is not None else 0.0
        for e in estimates
    ]
    return low, high


def _outlet_dots(
    axes: Axes, groups: Sequence[str], points: Callable[[str], list[tuple[Estimate, int]]]
) -> None:
    """One marker per outlet on each row it has a value for (``points(group)`` gives
    ``(estimate, row)`` pairs), outlets offset within a row so they do not hide each other, with
    bootstrap intervals where they exist."""
    count = len(groups)
    for index, group in enumerate(groups):
        rows = points(group)
        colour, marker = _style(index)
        offset = (index - (count - 1) / 2) * (0.6 / max(count, 1))
        low, high = _errors([estimate for estimate, _row in rows])
        axes.errorbar(
            [float(estimate.value or 0.0) for estimate, _row in rows],
            [row + offset for _estimate, row in rows],
            xerr=[low, high],
            fmt=marker,
            color=colour,
            label=group,
            markersize=7,
            capsize=2,
            linewidth=1,
        )


def actor_chart(comparison: Comparison, lexicon: Lexicon) -> str:
    """Dot plot: one row per actor, one marker per outlet at its tone toward the actor, with
    bootstrap intervals where they exist."""
    labels = {actor.id: actor.label for actor in lexicon.actors}
    actors = [a.id for a in lexicon.actors if any(p.actor == a.id for p in comparison.actors)]
    count = len(comparison.groups)
    legend_rows = -(-count // 3)
    height = 2.2 + 0.5 * max(1, len(actors)) + 0.3 * legend_rows
    with _figure(8, height) as (figure, axes):
        _outlet_dots(
            axes,
            comparison.groups,
            lambda group: [
                (p.compound, actors.index(p.actor))
                for p in comparison.actors
                if p.group == group and p.compound.value is not None
            ],
        )
        axes.axvline(0, color="#777777", linewidth=0.8)
        names = [textwrap.fill(labels.get(a, a), 26) for a in actors]
        axes.set_yticks(range(len(actors)), names)
        axes.set_xlim(-1, 1)
        axes.set_ylim(len(actors) - 0.5, -0.5)
        axes.set_xlabel("tone toward the actor: the words tied to it (\u22121 to +1)")
        figure.legend(loc="outside upper center", ncols=min(count, 3), frameon=False)
        return _svg(figure, "Sentiment toward each actor by outlet")


def readability_chart(comparison: Comparison) -> str:
    """Bars: Flesch-Kincaid grade per outlet, with bootstrap intervals where they exist."""
    grades = [dict(p.readability)["flesch_kincaid_grade"] for p in comparison.profiles]
    with _figure(7.5, 1.6 + 0.4 * len(grades)) as (figure, axes):
        values = [g.value if g.value is not None else 0.0 for g in grades]
        low, high = _errors(grades)
        colours = [_style(i)[0] for i in range(len(grades))]
        # Each bar is labelled on the axis, so its colour is decoration, not the only cue.
        axes.barh(range(len(grades)), values, xerr=[low, high], color=colours, capsize=3)
        axes.set_yticks(range(len(grades)), list(comparison.groups))
        axes.invert_yaxis()
        ends = [v + h for v, h in zip(values, high, strict=True)]
        right = max([*ends, 4.0])
        # Labels sit past the end of the error bar (not the bar), so the bar's line never
        # strikes through them; the axis leaves room for the longest one.
        axes.set_xlim(0, right * 1.22)
        axes.set_xlabel("Flesch-Kincaid grade (US school years needed)")
        for index, grade in enumerate(grades):
            text = "n/a" if grade.value is None else f"{grade.value:.1f}"
            axes.text(ends[index] + right * 0.03, index, text, va="center")
        return _svg(figure, "Flesch-Kincaid grade by outlet")


def dendrogram_chart(clustering: Clustering) -> str:
    """The Ward merge tree of the outlets; leaves are labelled with their cluster."""
    import numpy as np
    from scipy.cluster.hierarchy import dendrogram

    with _figure(7.5, 1.8 + 0.35 * len(clustering.groups)) as (figure, axes):
        labels = [
            f"{g} (cluster {c})" for g, c in zip(clustering.groups, clustering.labels, strict=True)
        ]
        dendrogram(np.array(clustering.linkage), labels=labels, orientation="right", ax=axes,
                   color_threshold=0, above_threshold_color="#0072B2")  # fmt: skip
        axes.set_xlabel("Ward distance between standardized feature profiles")
        return _svg(figure, "Dendrogram of outlets")


def map_chart(clustering: Clustering) -> str:
    """The outlets on the first two principal components, marked by cluster."""
    with _figure(7.5, 4.5) as (figure, axes):
        labels = clustering.labels or tuple(1 for _ in clustering.groups)
        for (x, y), group, cluster in zip(
            clustering.map_coordinates, clustering.groups, labels, strict=True
        ):
            colour, marker = _style(cluster - 1)
            axes.scatter([x], [y], color=colour, marker=marker, s=60)
            axes.annotate(group, (x, y), textcoords="offset points", xytext=(6, 4))
        axes.set_xlabel("first principal component")
        axes.set_ylabel("second principal component")
        axes.margins(0.25)
        return _svg(figure, "Map of outlets by framing profile")


def stance_chart(comparison: Comparison, lexicon: Lexicon) -> str:
    """Dot plot: one row per target (the untargeted group last, labelled as such), one marker
    per outlet at its connotation balance toward that target only, with bootstrap intervals
    where they exist."""
    labels = {actor.id: actor.label for actor in lexicon.actors}
    order = {actor.id: index for index, actor in enumerate(lexicon.actors)}
    targets = sorted(
        {s.target for s in comparison.stances if s.balance.value is not None},
        key=lambda t: (t == UNTARGETED, order.get(t, len(order)), t),
    )
    count = len(comparison.groups)
    legend_rows = -(-count // 3)
    height = 2.2 + 0.5 * max(1, len(targets)) + 0.3 * legend_rows
    with _figure(8, height) as (figure, axes):
        _outlet_dots(
            axes,
            comparison.groups,
            lambda group: [
                (s.balance, targets.index(s.target))
                for s in comparison.stances
                if s.group == group and s.balance.value is not None and s.target in targets
            ],
        )
        axes.axvline(0, color="#777777", linewidth=0.8)
        names = [textwrap.fill(target_label(t, labels), 26) for t in targets]
        axes.set_yticks(range(len(targets)), names)
        axes.set_xlim(-1.05, 1.05)
        axes.set_ylim(len(targets) - 0.5, -0.5)
        axes.set_xlabel(
            "connotation balance of the words aimed at the target "
            "(\u22121 delegitimizing to +1 legitimizing)"
        )
        figure.legend(loc="outside upper center", ncols=min(count, 3), frameon=False)
        return _svg(figure, "Connotation balance toward each target by outlet")


def scaling_chart(
    scaling: Scaling, left: Sequence[ScalingTerm], right: Sequence[ScalingTerm]
) -> str:
    """Two panels on one left-right axis: the outlets' Wordfish positions with their intervals,
    and the words with the strongest weights at either end."""
    ordered = sorted(scaling.positions, key=lambda p: (p.position, p.group))
    words = [*left, *reversed(right)]
    height = 1.6 + 0.32 * len(ordered) + 0.26 * max(len(words), 1)
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_STYLE):  # type: ignore[arg-type]
        figure = Figure(figsize=(8, height), layout="constrained")
        top, bottom = figure.subplots(2, 1, height_ratios=[max(len(ordered), 1),
                                                           max(len(words), 1)])  # fmt: skip
        rows = range(len(ordered))
        top.errorbar(
            [p.position for p in ordered],
            list(rows),
            # A bootstrap interval need not contain the estimate: bars stop at the position.
            xerr=[
                [max(0.0, p.position - p.lower) for p in ordered],
                [max(0.0, p.upper - p.position) for p in ordered],
            ],
            fmt="o",
            color=PALETTE[0],
            capsize=3,
            linewidth=1,
        )
        top.set_yticks(list(rows), [p.group for p in ordered])
        top.axvline(0, color="#777777", linewidth=0.8)
        top.set_xlabel("position (mean 0, standard deviation 1; bars: 95% intervals)")
        colours = [PALETTE[4] if t.weight < 0 else PALETTE[0] for t in words]
        bottom.barh(range(len(words)), [t.weight for t in words], color=colours)
        bottom.set_yticks(range(len(words)), [t.term for t in words])
        bottom.invert_yaxis()
        bottom.axvline(0, color="#777777", linewidth=0.8)
        bottom.set_xlabel("word weight: negative pulls to the left, positive to the right")
        return _svg(figure, "Where the outlets sit, and the words that put them there")


def correspondence_chart(ca: CorrespondenceMap) -> str:
    """Outlets (marked) and their most contributing words (grey text) on the first two
    dimensions of a correspondence analysis."""
    with _figure(7.5, 5.5) as (figure, axes):
        outlets = [p for p in ca.points if p.kind == "outlet"]
        terms = [p for p in ca.points if p.kind == "term"]
        for p in terms:
            axes.annotate(p.label, (p.x, p.y), color="#555555", fontsize=8, ha="center")
        axes.scatter([p.x for p in terms], [p.y for p in terms], s=0)
        for index, p in enumerate(outlets):
            colour, marker = _style(index)
            axes.scatter([p.x], [p.y], color=colour, marker=marker, s=60)
            axes.annotate(p.label, (p.x, p.y), textcoords="offset points", xytext=(6, 4))
        axes.axhline(0, color="#BBBBBB", linewidth=0.6)
        axes.axvline(0, color="#BBBBBB", linewidth=0.6)
        axes.set_xlabel(f"dimension 1 ({100 * ca.inertia[0]:.0f}% of the inertia)")
        axes.set_ylabel(f"dimension 2 ({100 * ca.inertia[1]:.0f}% of the inertia)")
        axes.margins(0.15)
        return _svg(figure, "Map of outlets and words by correspondence analysis")
